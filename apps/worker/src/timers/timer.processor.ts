import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Worker } from 'bullmq';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { runInContext } from '@kaari/common/request-context.js';
import { parseTimerJob, TIMER_QUEUE, timerJobDueAt } from '@kaari/engine/time/queues.js';
import { TimerService } from '@kaari/engine/time/timer.service.js';
import { QueueRegistry } from '../queue-registry.js';

/** Thin: parse the job, let TimerService decide under the row locks. */
@Injectable()
export class TimerProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly queues: QueueRegistry,
    private readonly timers: TimerService,
    private readonly logger: KaariLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      TIMER_QUEUE,
      async (job, token) => {
        const parsed = parseTimerJob(job.data);
        if (!parsed) {
          this.logger.event('warn', 'timer.job.malformed', { jobId: job.id }, 'TimerProcessor');
          return 'malformed';
        }
        // The job id is the correlation id of everything the firing writes, audit entries included.
        const outcome = await runInContext({ correlationId: String(job.id) }, () => this.timers.fire(parsed.timerId));
        // Here before its time (a worker whose clock runs ahead promoted it): the job itself waits for it. A new
        // job for the same time would carry this job's id, which BullMQ ignores while this one is kept, and the
        // timer would never fire. A job whose own time has passed was armed for a time the row has since left.
        const armedFor = outcome === 'early' ? timerJobDueAt(String(job.id)) : null;
        if (armedFor && armedFor.getTime() > Date.now()) {
          await job.moveToDelayed(armedFor.getTime(), token);
          throw new DelayedError();
        }
        return outcome;
      },
      // A short lock: when a worker dies mid-job, another picks the job up within seconds, not half a minute.
      {
        connection: this.queues.connect(),
        prefix: this.config.queuePrefix,
        concurrency: this.config.workerConcurrency,
        lockDuration: 10000,
        stalledInterval: 5000,
      },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.event('warn', 'timer.job.failed', { jobId: job?.id, attempts: job?.attemptsMade, error: error.message }, 'TimerProcessor');
      const parsed = parseTimerJob(job?.data);
      // Retries are bounded (attempts with exponential backoff); after the last one an admin takes over.
      if (job && parsed && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.timers.giveUp(parsed.timerId, error.message).catch(() => undefined);
      }
    });
    this.worker.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
