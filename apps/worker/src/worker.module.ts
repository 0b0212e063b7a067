import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@kaari/access/access.module.js';
import type { Clock } from '@kaari/common/clock.js';
import { CommonModule } from '@kaari/common/common.module.js';
import type { KaariConfig } from '@kaari/common/config.js';
import type { KaariLogger } from '@kaari/common/logger.js';
import { EngineModule } from '@kaari/engine/engine.module.js';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { PersistenceModule } from '@kaari/persistence/persistence.module.js';
import { AuditSealer } from './audit/audit-sealer.js';
import { EmailProcessor } from './email/email.processor.js';
import { QueueRegistry } from './queue-registry.js';
import { OutboxRelay } from './relay/outbox-relay.js';
import { TimerProcessor } from './timers/timer.processor.js';

/** The worker: the same libs as the api, no HTTP server; it runs the relay and the queue processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: KaariConfig, options: { clock?: Clock; logger?: KaariLogger } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CommonModule.forRoot(config, options), PersistenceModule.forRoot(config), EngineModule, GovernanceModule, AccessModule],
      providers: [QueueRegistry, OutboxRelay, TimerProcessor, EmailProcessor, AuditSealer],
    };
  }
}
