import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import type { AuthedRequest } from './auth.guard.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A token bucket per signed-in user for writes, kept in this process: flood protection
 * that costs nothing on the hot path (several replicas each allow the rate). Sign-in has
 * its own throttle in PostgreSQL.
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly clock: Clock,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const user = req.actor?.userId;
    if (!user || !WRITES.has(req.method)) return true;
    const perSecond = this.config.writesPerMinute / 60;
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(user) ?? { tokens: this.config.writeBurst, at: now };
    bucket.tokens = Math.min(this.config.writeBurst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
      throw new DomainError('TOO_MANY_REQUESTS', `Too many changes in a short time; try again in ${retryAfter} seconds`, [], retryAfter);
    }
    bucket.tokens -= 1;
    this.buckets.set(user, bucket);
    if (this.buckets.size > 10000) this.buckets.delete(this.buckets.keys().next().value as string);
    return true;
  }
}
