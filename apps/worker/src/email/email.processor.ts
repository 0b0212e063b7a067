import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import nodemailer, { type Transporter } from 'nodemailer';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { EMAIL_QUEUE, parseEmailJob } from '@kaari/engine/time/queues.js';
import { notificationEmail } from '@kaari/governance/notification-email.js';
import { NotificationService } from '@kaari/governance/notification.service.js';
import { QueueRegistry } from '../queue-registry.js';

/** Sends notifications as e-mail through SMTP_URL; without it, the queue stays idle. */
@Injectable()
export class EmailProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | null = null;
  private transport: Transporter | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly queues: QueueRegistry,
    private readonly notifications: NotificationService,
    private readonly logger: KaariLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.transport = nodemailer.createTransport(this.config.smtpUrl);
    this.worker = new Worker(
      EMAIL_QUEUE,
      async (job) => {
        const parsed = parseEmailJob(job.data);
        if (!parsed) return 'malformed';
        const mail = await this.notifications.forEmail(parsed.notificationId);
        if (!mail) return 'nothing-to-send';
        const { subject, text } = notificationEmail(mail, this.config.publicUrl);
        await this.transport!.sendMail({ from: this.config.mailFrom, to: { name: mail.displayName, address: mail.email }, subject, text });
        await this.notifications.markEmailed(parsed.notificationId);
        this.logger.event('info', 'email.sent', { notificationId: parsed.notificationId, kind: mail.kind }, 'EmailProcessor');
        return 'sent';
      },
      { connection: this.queues.connect(), prefix: this.config.queuePrefix, concurrency: 4 },
    );
    this.worker.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.transport?.close();
  }
}
