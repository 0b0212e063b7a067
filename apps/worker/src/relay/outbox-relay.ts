import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { emailJobId, timerJobId } from '@kaari/engine/time/queues.js';
import { TimerService } from '@kaari/engine/time/timer.service.js';
import { QueueRegistry } from '../queue-registry.js';

const BATCH = 500;

/**
 * Moves outbox rows into BullMQ after their transaction committed: a batch is read
 * `FOR UPDATE SKIP LOCKED` (several workers share the work), added to Redis, and deleted
 * in the same transaction — if Redis refuses, the rows stay for the next try. Woken by
 * NOTIFY, with a poll as the safety net. At start-up a sweep re-enqueues every pending
 * timer; job ids are derived from the rows, so what is already queued is not added twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private listener: pg.Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    private readonly timers: TimerService,
    private readonly logger: KaariLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    try {
      this.listener = new pg.Client({ connectionString: this.config.databaseUrl });
      this.listener.on('error', () => {
        this.listener = null;
      });
      await this.listener.connect();
      this.listener.on('notification', () => this.wake?.());
      await this.listener.query('LISTEN kaari_outbox');
    } catch {
      // Without LISTEN the poll still moves everything, a little later.
      this.listener = null;
    }
  }

  private async run(): Promise<void> {
    let swept = false;
    let lastSweep = Date.now();
    let failures = 0;
    while (this.running) {
      try {
        if (!swept) swept = (await this.sweep(), true);
        if (Date.now() - lastSweep > this.config.workerSweepSeconds * 1000) {
          await this.sweep(new Date(Date.now() - 1000));
          lastSweep = Date.now();
        }
        const moved = await this.drain();
        failures = 0;
        if (moved === BATCH) continue;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 30 === 0) {
          this.logger.event('warn', 'outbox.relay.failed', { error: (error as Error).message, failures }, 'OutboxRelay');
        }
      }
      if (!this.listener && this.running) await this.listen();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, failures ? Math.min(200 * 2 ** failures, 5000) : 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Moves one batch; returns how many rows it moved. */
  async drain(): Promise<number> {
    return this.db.transaction(async (em) => {
      const rows: Array<{ id: string; topic: string; payload: any }> = await em.query(
        `SELECT id, topic, payload FROM outbox ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      const now = Date.now();
      const timerJobs = rows
        .filter((r) => r.topic === 'timer')
        .map((r) => ({
          name: 'fire',
          data: { timerId: r.payload.timerId },
          opts: { jobId: timerJobId(r.payload.timerId, r.payload.dueAt), delay: Math.max(0, Date.parse(r.payload.dueAt) - now) },
        }));
      const emailJobs = rows
        .filter((r) => r.topic === 'email')
        .map((r) => ({ name: 'send', data: { notificationId: r.payload.notificationId }, opts: { jobId: emailJobId(r.payload.notificationId) } }));
      if (timerJobs.length) await this.queues.timers.addBulk(timerJobs);
      if (emailJobs.length) await this.queues.email.addBulk(emailJobs);
      await em.query(`DELETE FROM outbox WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /**
   * Re-enqueues pending timers — all of them at start-up, then periodically those already
   * past due (a Redis that lost its data, say); a job already there is left as it is.
   */
  async sweep(dueBefore: Date | null = null): Promise<number> {
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const batch = await this.timers.pending(after, 1000, dueBefore);
      if (!batch.length) break;
      const now = Date.now();
      await this.queues.timers.addBulk(
        batch.map((t) => ({ name: 'fire', data: { timerId: t.id }, opts: { jobId: timerJobId(t.id, t.dueAt), delay: Math.max(0, t.dueAt.getTime() - now) } })),
      );
      count += batch.length;
      after = batch[batch.length - 1].id;
    }
    if (count || !dueBefore) this.logger.event('info', 'timers.swept', { count, overdueOnly: dueBefore !== null }, 'OutboxRelay');
    return count;
  }
}
