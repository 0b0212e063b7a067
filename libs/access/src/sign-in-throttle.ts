import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';

/**
 * Throttles password guessing: failed sign-ins are counted per account and per client
 * address in fixed windows (in PostgreSQL, so every api replica shares the count and a
 * Redis outage does not open the gate). Over the limit, sign-ins — right or wrong — are
 * refused with 429 and Retry-After until the window ends. A success clears the account's count.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly clock: Clock,
  ) {}

  private keys(username: string, address: string | undefined): Array<{ key: string; limit: number }> {
    const keys = [{ key: `account:${username.toLowerCase()}`, limit: this.config.signInMaxFailures }];
    if (address) keys.push({ key: `address:${address}`, limit: this.config.signInMaxFailuresPerAddress });
    return keys;
  }

  /** Throws TOO_MANY_REQUESTS while the account or the address is over its limit. */
  async check(username: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    const windowMs = this.config.signInWindowSeconds * 1000;
    const keys = this.keys(username, address);
    const rows: Array<{ key: string; failures: number; window_started_at: Date }> = await this.db.query(
      `SELECT key, failures, window_started_at FROM sign_in_throttle WHERE key = ANY($1)`,
      [keys.map((k) => k.key)],
    );
    let retryAfter = 0;
    for (const row of rows) {
      const limit = keys.find((k) => k.key === row.key)!.limit;
      const endsAt = row.window_started_at.getTime() + windowMs;
      if (row.failures >= limit && endsAt > now.getTime()) retryAfter = Math.max(retryAfter, Math.ceil((endsAt - now.getTime()) / 1000));
    }
    if (retryAfter > 0) {
      const message = `Too many failed sign-ins; try again in ${retryAfter} seconds`;
      throw new DomainError('TOO_MANY_REQUESTS', message, [{ path: null, code: 'too-many-sign-ins', message, params: { seconds: retryAfter } }], retryAfter);
    }
  }

  async failed(username: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.signInWindowSeconds * 1000);
    for (const { key } of this.keys(username, address)) {
      await this.db.query(
        `INSERT INTO sign_in_throttle (key, failures, window_started_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_throttle.window_started_at <= $3 THEN 1 ELSE sign_in_throttle.failures + 1 END,
           window_started_at = CASE WHEN sign_in_throttle.window_started_at <= $3 THEN $2 ELSE sign_in_throttle.window_started_at END`,
        [key, now, windowStart],
      );
    }
    // Guesses with ever new usernames leave a row each; now and then the expired ones go.
    if (Math.random() < 0.02) await this.db.query(`DELETE FROM sign_in_throttle WHERE window_started_at <= $1`, [windowStart]);
  }

  async succeeded(username: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [`account:${username.toLowerCase()}`]);
  }
}
