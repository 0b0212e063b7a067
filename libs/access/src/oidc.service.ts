import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig, type OidcConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { assertSafeInput } from '@kaari/common/input-limits.js';
import { UserEntity } from '@kaari/persistence/entities.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';
import { BodyService, MEMBER_ROLES } from '@kaari/governance/body.service.js';
import { canonicalJson } from './audit-chain.js';
import { ROLES } from './user.service.js';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface MappedClaims {
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  memberships: Array<{ code: string; role: string }>;
}

const unauthenticated = (why: string) => new DomainError('UNAUTHENTICATED', `The identity provider's token was refused: ${why}`);

/**
 * Bearer tokens from the city's OpenID Connect identity provider. Keys come from its
 * JWKS URL through jose, which caches them and refetches on an unknown key id (rotation).
 * A user is created or updated on first sight (just in time) with the roles and body
 * memberships the claims map to; see the README's "Sign-in" for the mapping.
 */
@Injectable()
export class OidcService {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly bodies: BodyService,
    private readonly clock: Clock,
  ) {
    const oidc = config.oidc;
    this.jwks = oidc
      ? createRemoteJWKSet(new URL(oidc.jwksUrl), { cooldownDuration: oidc.jwksCooldownSeconds * 1000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5000 })
      : null;
  }

  /** True when the token is the identity provider's to check (asymmetrically signed, its issuer). */
  claims(token: string): boolean {
    if (!this.config.oidc) return false;
    try {
      const { alg } = decodeProtectedHeader(token);
      return typeof alg === 'string' && ASYMMETRIC.includes(alg) && decodeJwt(token).iss === this.config.oidc.issuer;
    } catch {
      return false;
    }
  }

  async authenticate(token: string): Promise<UserEntity> {
    const oidc = this.config.oidc!;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks!, { issuer: oidc.issuer, audience: oidc.audience, algorithms: ASYMMETRIC, currentDate: this.clock.now(), clockTolerance: 30 }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const why =
        code === 'ERR_JWT_EXPIRED' ? 'it has expired'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `claim ${(error as { claim?: string }).claim ?? ''} does not fit`
        : code === 'ERR_JWKS_NO_MATCHING_KEY' ? 'no key of the identity provider matches it'
        : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'its signature does not verify'
        : 'it could not be verified';
      throw unauthenticated(why);
    }
    // Claims are input like any body: refused (400) when they nest too deep or hold text PostgreSQL cannot store.
    assertSafeInput(payload, this.config.inputLimits, 'claims');
    if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('it has no subject');
    const mapped = this.map(payload, oidc);
    return this.upsert(oidc.issuer, payload.sub, mapped, payload.iat);
  }

  /** Claims → Kaari: username, display name, roles that are Kaari roles, groups that name bodies (`code` or `code:role`). */
  map(payload: JWTPayload, oidc: OidcConfig): MappedClaims {
    const username = String(payload[oidc.usernameClaim] ?? '').toLowerCase();
    if (!/^[a-z0-9][a-z0-9._@-]{1,62}$/.test(username)) throw unauthenticated(`claim ${oidc.usernameClaim} is not a usable username`);
    const list = (claim: string): string[] => {
      const raw = payload[claim];
      return (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 200);
    };
    const roles = [...new Set(list(oidc.rolesClaim).map((r) => r.toLowerCase()).filter((r) => (ROLES as readonly string[]).includes(r)))].sort();
    const memberships = new Map<string, string>();
    for (const group of list(oidc.groupsClaim)) {
      const [code, role = 'member'] = group.replace(/^\/+/, '').split(':');
      if (!(MEMBER_ROLES as readonly string[]).includes(role)) continue;
      memberships.set(code, role);
    }
    const name = typeof payload.name === 'string' && payload.name ? payload.name.slice(0, 200) : username;
    const email = typeof payload.email === 'string' && payload.email.includes('@') ? payload.email : null;
    return { username, displayName: name, email, roles, memberships: [...memberships].map(([code, role]) => ({ code, role })).sort((a, b) => a.code.localeCompare(b.code)) };
  }

  private async upsert(issuer: string, subject: string, mapped: MappedClaims, issuedAt: number | undefined): Promise<UserEntity> {
    const known = await this.bodies.codes();
    mapped = { ...mapped, memberships: mapped.memberships.filter((m) => known.has(m.code)) };
    const claimsHash = createHash('sha256').update(canonicalJson(mapped)).digest('hex');
    const now = this.clock.now();
    // The usual request: a known identity with unchanged claims reads one row and writes nothing (last seen is kept to ten minutes).
    const [seen] = await this.db.query(`SELECT user_id, claims_hash, revoked_before, last_seen_at FROM external_identities WHERE issuer = $1 AND subject = $2`, [issuer, subject]);
    if (seen && seen.claims_hash === claimsHash) {
      if (seen.revoked_before && (issuedAt ?? 0) * 1000 <= seen.revoked_before.getTime()) throw new DomainError('UNAUTHENTICATED', 'The token has been revoked; sign in again');
      if (now.getTime() - seen.last_seen_at.getTime() > 10 * 60_000) {
        await this.db.query(`UPDATE external_identities SET last_seen_at = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, now]);
      }
      return this.enabledUser(seen.user_id);
    }
    const userId = await this.db.transaction(async (em) => {
      const [identity] = await em.query(`SELECT user_id, claims_hash, revoked_before FROM external_identities WHERE issuer = $1 AND subject = $2 FOR UPDATE`, [issuer, subject]);
      if (identity) {
        if (identity.revoked_before && (issuedAt ?? 0) * 1000 <= identity.revoked_before.getTime()) throw new DomainError('UNAUTHENTICATED', 'The token has been revoked; sign in again');
        await em.query(`UPDATE external_identities SET last_seen_at = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, now]);
        if (identity.claims_hash === claimsHash) return identity.user_id as string;
        await this.apply(em, identity.user_id, mapped, 'user.synced-from-idp');
        await em.query(`UPDATE external_identities SET claims_hash = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, claimsHash]);
        return identity.user_id as string;
      }
      const existing = await em.findOne(UserEntity, { where: { username: mapped.username }, lock: { mode: 'pessimistic_write' } });
      // A local account with a password is never taken over by an identity-provider token of the same name.
      if (existing?.passwordHash) throw unauthenticated(`the username ${mapped.username} belongs to a local account`);
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await em.query(`INSERT INTO users (id, username, display_name, password_hash, roles, email) VALUES ($1,$2,$3,NULL,$4,$5)`, [id, mapped.username, mapped.displayName, mapped.roles, mapped.email]);
        await appendAudit(em, [{ action: 'user.created-from-idp', entityType: 'user', entityId: mapped.username, after: { ...mapped, issuer, subject } }], { userId: id, username: mapped.username, roles: mapped.roles, bodies: [] });
      }
      await this.apply(em, id, mapped, existing ? 'user.linked-to-idp' : null);
      await em.query(`INSERT INTO external_identities (issuer, subject, user_id, claims_hash, last_seen_at) VALUES ($1,$2,$3,$4,$5)`, [issuer, subject, id, claimsHash, now]);
      return id;
    });
    return this.enabledUser(userId);
  }

  private async enabledUser(userId: string): Promise<UserEntity> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'The account is disabled');
    return user;
  }

  private async apply(em: import('typeorm').EntityManager, userId: string, mapped: MappedClaims, action: string | null): Promise<void> {
    const [before] = await em.query(`SELECT display_name, roles, email FROM users WHERE id = $1`, [userId]);
    await em.query(`UPDATE users SET display_name = $2, roles = $3, email = COALESCE($4, email), updated_at = now() WHERE id = $1`, [userId, mapped.displayName, mapped.roles, mapped.email]);
    const actor = { userId, username: mapped.username, roles: mapped.roles, bodies: [] };
    await this.bodies.setMemberships(em, userId, mapped.memberships, actor);
    if (action) {
      await appendAudit(em, [{ action, entityType: 'user', entityId: mapped.username, before: { displayName: before.display_name, roles: before.roles }, after: { displayName: mapped.displayName, roles: mapped.roles, bodies: mapped.memberships } }], actor);
    }
  }

  /** Sign-out for identity-provider sessions: tokens issued until now stop working here. */
  async revoke(userId: string): Promise<void> {
    await this.db.query(`UPDATE external_identities SET revoked_before = $2 WHERE user_id = $1`, [userId, this.clock.now()]);
  }
}
