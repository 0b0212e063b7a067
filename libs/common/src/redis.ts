import { Redis, type RedisOptions } from 'ioredis';

export const REDIS = Symbol('REDIS');

/**
 * A Redis connection. `worker` connections wait forever (BullMQ needs
 * maxRetriesPerRequest: null); others fail fast so an outage cannot hang a request.
 */
export function createRedis(url: string, role: 'worker' | 'client'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // Connection errors are reported by health checks and retried by ioredis; an unhandled event would crash.
  redis.on('error', () => undefined);
  return redis;
}
