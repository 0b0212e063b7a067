import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig, type OidcConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { inputProblem } from '@kaari/common/input-limits.js';
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

const unauthenticated = (why: string, code = 'token-refused', path: string | null = null) =>
  new DomainError('UNAUTHENTICATED', `The identity provider's token was refused: ${why}`, [{ path, code, message: why }]);

/** Advisory lock classes: a first sight locks its identity, then the username it claims (always in that order). */
const IDENTITY_LOCK = 727281;
const USERNAME_LOCK = 727282;
const CLOCK_TOLERANCE_SECONDS = 30;

type LinkRefusal = 'local-account' | 'linked-to-another-identity';

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
      ({ payload } = await jwtVerify(token, this.jwks!, {
        issuer: oidc.issuer,
        audience: oidc.audience,
        algorithms: ASYMMETRIC,
        requiredClaims: ['exp'],
        currentDate: this.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      const { code = '', claim = '', reason = '' } = error as { code?: string; claim?: string; reason?: string };
      const why =
        code === 'ERR_JWT_EXPIRED'
          ? 'it has expired'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && reason === 'missing'
            ? `claim ${claim} is missing`
            : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
              ? `claim ${claim} does not fit`
              : code === 'ERR_JWKS_NO_MATCHING_KEY'
                ? 'no key of the identity provider matches it'
                : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
                  ? 'its signature does not verify'
                  : 'it could not be verified';
      throw unauthenticated(why);
    }
    return this.signIn(payload, 'bearer');
  }

  /**
   * Verified claims → the Kaari user linked to their issuer + subject: a bearer token's, or the
   * web app's sign-in (the id token with its userinfo, verified by openid-client). A bearer
   * token issued before the user signed out is refused; a web sign-in is new by definition.
   */
  async signIn(payload: JWTPayload, source: 'bearer' | 'web'): Promise<UserEntity> {
    const oidc = this.config.oidc!;
    // Claims are input like any body, checked by the same rule (nesting, NUL, lone surrogates); but they come with a token, so a bad one is a refused token.
    const unsafe = inputProblem(payload, this.config.inputLimits, 'claims');
    if (unsafe) throw new DomainError('UNAUTHENTICATED', `The identity provider's token was refused: ${unsafe.path} ${unsafe.message}`, [unsafe]);
    if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('it has no subject', 'no-subject', 'sub');
    this.checkLifetime(payload, oidc);
    const mapped = this.map(payload, oidc);
    return this.upsert(oidc.issuer, payload.sub, mapped, source === 'bearer' ? (payload.iat ?? 0) : null);
  }

  /** A token must expire, and soon: a stolen long-lived token would otherwise outlast any sign-out at the provider. */
  private checkLifetime(payload: JWTPayload, oidc: OidcConfig): void {
    if (typeof payload.exp !== 'number') throw unauthenticated('claim exp is missing', 'no-expiry', 'exp');
    const max = oidc.maxTokenLifetimeSeconds;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const fromIssue = typeof payload.iat === 'number' ? payload.exp - payload.iat : 0;
    if (fromIssue > max || payload.exp - now > max + CLOCK_TOLERANCE_SECONDS) {
      throw unauthenticated(`it is valid for longer than the ${max} seconds Kaari accepts (OIDC_MAX_TOKEN_LIFETIME)`, 'lifetime-too-long', 'exp');
    }
  }

  /** Claims → Kaari: username, display name, roles that are Kaari roles, groups that name bodies (`code` or `code:role`). */
  map(payload: JWTPayload, oidc: OidcConfig): MappedClaims {
    const claim = payload[oidc.usernameClaim];
    const username = (typeof claim === 'string' || typeof claim === 'number' ? String(claim) : '').toLowerCase();
    if (!/^[a-z0-9][a-z0-9._@-]{1,62}$/.test(username)) throw unauthenticated(`claim ${oidc.usernameClaim} is not a usable username`);
    const list = (claim: string): string[] => {
      const raw = payload[claim];
      return (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []).filter(
        (v): v is string => typeof v === 'string' && v.length > 0 && v.length < 200,
      );
    };
    const roles = [
      ...new Set(
        list(oidc.rolesClaim)
          .map((r) => r.toLowerCase())
          .filter((r) => (ROLES as readonly string[]).includes(r)),
      ),
    ].sort();
    const memberships = new Map<string, string>();
    for (const group of list(oidc.groupsClaim)) {
      const [code, role = 'member'] = group.replace(/^\/+/, '').split(':');
      if (!(MEMBER_ROLES as readonly string[]).includes(role)) continue;
      memberships.set(code, role);
    }
    const name = typeof payload.name === 'string' && payload.name ? payload.name.slice(0, 200) : username;
    const email = typeof payload.email === 'string' && payload.email.includes('@') ? payload.email : null;
    return {
      username,
      displayName: name,
      email,
      roles,
      memberships: [...memberships].map(([code, role]) => ({ code, role })).sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  /** `issuedAt` null: a web sign-in, never refused as revoked. */
  private async upsert(issuer: string, subject: string, mapped: MappedClaims, issuedAt: number | null): Promise<UserEntity> {
    const known = await this.bodies.codes();
    mapped = { ...mapped, memberships: mapped.memberships.filter((m) => known.has(m.code)) };
    const claimsHash = createHash('sha256').update(canonicalJson(mapped)).digest('hex');
    const now = this.clock.now();
    // The usual request: a known identity with unchanged claims reads one row and writes nothing (last seen is kept to ten minutes).
    const [seen] = await this.db.query(
      `SELECT user_id, claims_hash, revoked_before, last_seen_at FROM external_identities WHERE issuer = $1 AND subject = $2`,
      [issuer, subject],
    );
    const revoked = (row: { revoked_before: Date | null }) =>
      issuedAt !== null && row.revoked_before !== null && issuedAt * 1000 <= row.revoked_before.getTime();
    if (seen && seen.claims_hash === claimsHash) {
      if (revoked(seen)) throw new DomainError('UNAUTHENTICATED', 'The token has been revoked; sign in again');
      if (now.getTime() - seen.last_seen_at.getTime() > 10 * 60_000) {
        await this.db.query(`UPDATE external_identities SET last_seen_at = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, now]);
      }
      return this.enabledUser(seen.user_id);
    }
    const outcome = await this.db.transaction(async (em): Promise<{ userId: string } | { refused: LinkRefusal }> => {
      // First sights of one identity, and of one username, take turns: two racing requests never both link (nor fail on a unique key).
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [IDENTITY_LOCK, `${issuer} ${subject}`]);
      const [identity] = await em.query(`SELECT user_id, claims_hash, revoked_before FROM external_identities WHERE issuer = $1 AND subject = $2 FOR UPDATE`, [
        issuer,
        subject,
      ]);
      if (identity) {
        if (revoked(identity)) throw new DomainError('UNAUTHENTICATED', 'The token has been revoked; sign in again');
        await em.query(`UPDATE external_identities SET last_seen_at = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, now]);
        if (identity.claims_hash === claimsHash) return { userId: identity.user_id as string };
        await this.apply(em, identity.user_id, mapped, 'user.synced-from-idp');
        await em.query(`UPDATE external_identities SET claims_hash = $3 WHERE issuer = $1 AND subject = $2`, [issuer, subject, claimsHash]);
        return { userId: identity.user_id as string };
      }
      // A new identity. The username it claims links nothing by itself: an account that has a password,
      // or is linked to an identity already, is never taken over. Only an account nobody can sign in to
      // yet (made by an organisation import: no password, no identity) is linked to the first identity claiming it.
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [USERNAME_LOCK, mapped.username]);
      const existing = await em.findOne(UserEntity, { where: { username: mapped.username }, lock: { mode: 'pessimistic_write' } });
      if (existing?.passwordHash) return { refused: 'local-account' };
      if (existing && (await em.query(`SELECT 1 FROM external_identities WHERE user_id = $1`, [existing.id])).length)
        return { refused: 'linked-to-another-identity' };
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await em.query(`INSERT INTO users (id, username, display_name, password_hash, roles, email) VALUES ($1,$2,$3,NULL,$4,$5)`, [
          id,
          mapped.username,
          mapped.displayName,
          mapped.roles,
          mapped.email,
        ]);
        await appendAudit(em, [{ action: 'user.created-from-idp', entityType: 'user', entityId: mapped.username, after: { ...mapped, issuer, subject } }], {
          userId: id,
          username: mapped.username,
          roles: mapped.roles,
          bodies: [],
        });
      }
      await this.apply(em, id, mapped, existing ? 'user.linked-to-idp' : null);
      await em.query(`INSERT INTO external_identities (issuer, subject, user_id, claims_hash, last_seen_at) VALUES ($1,$2,$3,$4,$5)`, [
        issuer,
        subject,
        id,
        claimsHash,
        now,
      ]);
      return { userId: id };
    });
    if ('refused' in outcome) return this.refuseLink(issuer, subject, mapped, outcome.refused);
    return this.enabledUser(outcome.userId);
  }

  /**
   * On the record, then refused. One entry per identity and reason in ten minutes: a client
   * repeating the token does not flood the trail.
   */
  private async refuseLink(issuer: string, subject: string, mapped: MappedClaims, reason: LinkRefusal): Promise<never> {
    await this.db.transaction(async (em) => {
      const [recent] = await em.query(
        `SELECT 1 FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action = 'auth.idp-link-refused' AND details->>'issuer' = $2 AND details->>'subject' = $3 AND details->>'reason' = $4 AND at > now() - interval '10 minutes' LIMIT 1`,
        [mapped.username, issuer, subject, reason],
      );
      if (recent) return;
      await appendAudit(
        em,
        [
          {
            action: 'auth.idp-link-refused',
            entityType: 'user',
            entityId: mapped.username,
            details: { issuer, subject, reason, claimed: { roles: mapped.roles, bodies: mapped.memberships } },
          },
        ],
        { userId: null, username: mapped.username, roles: [], bodies: [] },
      );
    });
    throw reason === 'local-account'
      ? unauthenticated(`the username ${mapped.username} belongs to a local account`, 'local-account', this.config.oidc!.usernameClaim)
      : unauthenticated(
          `the username ${mapped.username} is linked to another identity of the identity provider`,
          'identity-conflict',
          this.config.oidc!.usernameClaim,
        );
  }

  private async enabledUser(userId: string): Promise<UserEntity> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'The account is disabled');
    return user;
  }

  private async apply(em: import('typeorm').EntityManager, userId: string, mapped: MappedClaims, action: string | null): Promise<void> {
    const [before] = await em.query(`SELECT username, display_name, roles, email FROM users WHERE id = $1`, [userId]);
    await em.query(`UPDATE users SET display_name = $2, roles = $3, email = COALESCE($4, email), updated_at = now() WHERE id = $1`, [
      userId,
      mapped.displayName,
      mapped.roles,
      mapped.email,
    ]);
    // The account's own username: once linked, the username claim no longer names anyone.
    const actor = { userId, username: before.username as string, roles: mapped.roles, bodies: [] };
    await this.bodies.setMemberships(em, userId, mapped.memberships, actor);
    if (action) {
      await appendAudit(
        em,
        [
          {
            action,
            entityType: 'user',
            entityId: actor.username,
            before: { displayName: before.display_name, roles: before.roles },
            after: { displayName: mapped.displayName, roles: mapped.roles, bodies: mapped.memberships },
          },
        ],
        actor,
      );
    }
  }

  /** Sign-out for identity-provider sessions: tokens issued until now stop working here. */
  async revoke(userId: string): Promise<void> {
    await this.db.query(`UPDATE external_identities SET revoked_before = $2 WHERE user_id = $1`, [userId, this.clock.now()]);
  }
}
