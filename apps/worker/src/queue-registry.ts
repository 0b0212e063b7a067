import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { createRedis } from '@kaari/common/redis.js';
import { EMAIL_QUEUE, TIMER_QUEUE } from '@kaari/engine/time/queues.js';

/** The worker's queues and their Redis connections, made once and closed on shutdown. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly timers: Queue;
  readonly email: Queue;
  private readonly connections: Redis[] = [];

  constructor(@Inject(KAARI_CONFIG) readonly config: KaariConfig) {
    this.connection = this.connect();
    const defaultJobOptions = {
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
    };
    this.timers = new Queue(TIMER_QUEUE, { connection: this.connection, prefix: config.queuePrefix, defaultJobOptions });
    this.email = new Queue(EMAIL_QUEUE, { connection: this.connection, prefix: config.queuePrefix, defaultJobOptions });
  }

  /** A fresh connection for a BullMQ Worker (each blocks on its own). */
  connect(): Redis {
    const redis = createRedis(this.config.redisUrl, 'worker');
    this.connections.push(redis);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.timers.close(), this.email.close()]);
    for (const c of this.connections) c.disconnect();
  }
}
