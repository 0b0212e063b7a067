import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '@kaari/access/audit.service.js';
import { KaariLogger } from '@kaari/common/logger.js';

const INTERVAL_MS = 1000;

/** Seals the audit log every second; several workers may run it, the advisory lock lets one seal at a time. */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly audit: AuditService,
    private readonly logger: KaariLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.running = this.audit
        .seal()
        .then(() => {
          this.failures = 0;
        })
        .catch((error: Error) => {
          this.failures += 1;
          if (this.failures === 1 || this.failures % 60 === 0)
            this.logger.event('warn', 'audit.seal.failed', { error: error.message, failures: this.failures }, 'AuditSealer');
        })
        .finally(() => {
          this.running = null;
          if (this.timer) this.schedule();
        });
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
