import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { REDIS } from '@kaari/common/redis.js';

/**
 * A token bucket as GCRA, in one script so that concurrent takes through any api replica
 * are counted one after the other. The key holds the time at which the bucket is full again,
 * in whole microseconds of the Redis server's clock (so replicas whose clocks disagree still
 * share one bucket). KEYS: the bucket. ARGV: capacity, microseconds per token.
 * Returns 0 when a token was taken, or else the microseconds until one is free.
 */
const TAKE = `
local capacity = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local full = tonumber(redis.call('GET', KEYS[1]) or now)
if full < now then full = now end
local after = full + interval
if after - now > capacity * interval then return after - capacity * interval - now end
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000))
return 0
`;

/** Gives up on Redis this soon, so that a stalled Redis cannot hold a request up. */
const TIMEOUT_MS = 500;

type RedisWithTake = Redis & { kaariTakeToken(key: string, capacity: number, intervalMicros: number): Promise<number> };

/**
 * Token buckets in Redis, shared by every api replica (keys under REDIS_QUEUE_PREFIX). They
 * fail open: while Redis cannot answer, every take succeeds (the outage is logged once and
 * its end once), because refusing every write would turn a Redis outage into an outage of the
 * api, while steps, the outbox and PostgreSQL go on without Redis.
 */
@Injectable()
export class RedisTokenBucket {
  private readonly redis: RedisWithTake;
  private failing = false;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly logger: KaariLogger,
  ) {
    if (!('kaariTakeToken' in redis)) redis.defineCommand('kaariTakeToken', { numberOfKeys: 1, lua: TAKE });
    this.redis = redis as RedisWithTake;
  }

  /**
   * Takes one token from `bucket`, which holds `capacity` tokens and gains `perMinute` a
   * minute; a refused take costs nothing. Returns 0, or the seconds until a token is free.
   */
  async take(bucket: string, capacity: number, perMinute: number): Promise<number> {
    const key = `${this.config.queuePrefix}:rate:{${bucket}}`;
    const intervalMicros = Math.max(1, Math.round(60_000_000 / perMinute));
    let timer: NodeJS.Timeout | undefined;
    try {
      const waitMicros = await Promise.race([
        this.redis.kaariTakeToken(key, capacity, intervalMicros),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
      ]);
      if (this.failing) {
        this.failing = false;
        this.logger.event('info', 'rate-limit.redis.recovered', {}, 'RedisTokenBucket');
      }
      return waitMicros > 0 ? Math.max(1, Math.ceil(waitMicros / 1_000_000)) : 0;
    } catch (error) {
      if (!this.failing) {
        this.failing = true;
        this.logger.event('warn', 'rate-limit.redis.failed', { error: (error as Error).message, allowing: true }, 'RedisTokenBucket');
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
