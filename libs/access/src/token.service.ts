import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jwtVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { KAARI_CONFIG, randomSecret, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import type { UserEntity } from '@kaari/persistence/entities.js';

const ISSUER = 'kaari';

/**
 * Signed, expiring bearer tokens. The signing key comes from API_TOKEN_SECRET or is
 * generated once and kept in `settings`, so every replica and restart shares it.
 */
@Injectable()
export class TokenService {
  private key: Uint8Array | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private async signingKey(): Promise<Uint8Array> {
    if (this.key) return this.key;
    let secret = this.config.tokenSecret;
    if (!secret) {
      await this.db.query(`INSERT INTO settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`, [randomSecret()]);
      const rows = await this.db.query(`SELECT value FROM settings WHERE key = 'token_secret'`);
      secret = rows[0].value as string;
    }
    this.key = new TextEncoder().encode(secret);
    return this.key;
  }

  async issue(user: UserEntity): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const ttl = this.config.tokenTtlSeconds;
    const accessToken = await new SignJWT({ tv: user.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(await this.signingKey());
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }

  async verify(token: string): Promise<{ userId: string; tokenVersion: number }> {
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), { issuer: ISSUER, algorithms: ['HS256'] });
      // A signed token is still only as good as its claims: a subject that is no user id is refused, not looked up.
      if (typeof payload.sub !== 'string' || !isUuid(payload.sub) || !Number.isInteger(payload.tv)) throw new Error('malformed');
      return { userId: payload.sub, tokenVersion: payload.tv as number };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The bearer token is invalid or has expired');
    }
  }
}
