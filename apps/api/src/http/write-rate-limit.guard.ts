import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import type { AuthedRequest } from './auth.guard.js';
import { RedisTokenBucket } from './redis-token-bucket.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Flood protection for writes: a token bucket per signed-in user over every write route,
 * of API_WRITE_BURST writes refilled at API_WRITES_PER_MINUTE, kept in Redis so that the
 * limit holds across api replicas (and lets writes through while Redis is down). Sign-in
 * has its own throttle, in PostgreSQL.
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly buckets: RedisTokenBucket,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const user = req.actor?.userId;
    if (!user || !WRITES.has(req.method)) return true;
    const retryAfter = await this.buckets.take(`writes:${user}`, this.config.writeBurst, this.config.writesPerMinute);
    if (retryAfter > 0) {
      const message = `Too many changes in a short time; try again in ${retryAfter} seconds`;
      throw new DomainError('TOO_MANY_REQUESTS', message, [{ path: null, code: 'too-many-changes', message, params: { seconds: retryAfter } }], retryAfter);
    }
    return true;
  }
}
