import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWTPayload } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig, type OidcConfig, type OidcWebConfig } from '@kaari/common/config.js';
import { DomainError, type DomainErrorCode, type ProblemItem } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';
import { OidcService } from './oidc.service.js';
import { TokenService } from './token.service.js';
import { UserService } from './user.service.js';

/** Time the user has at the identity provider, and then for the web app to take its token. */
const SIGN_IN_SECONDS = 600;
const HAND_OFF_SECONDS = 120;
/** Sign-ins under way at once: anyone may start one, so their rows are bounded. */
const MAX_PENDING = 10_000;

interface Refusal {
  code: DomainErrorCode;
  message: string;
  problems?: ProblemItem[];
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Where the web app goes after signing in: a path of the app itself, never another site (`//evil`, `/\evil`) nor the api. */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500 || !/^\/(?![/\\])[\x21-\x7e]*$/.test(raw) || /^\/api(\/|$|\?)/.test(raw)) return '/';
  return raw;
}

/**
 * City sign-in for the web app: the authorization code flow with PKCE, run by the api
 * (a backend for the frontend) through openid-client. The browser only ever holds a random
 * cookie naming its row in `oidc_sign_ins`, where the PKCE verifier, state and nonce stay;
 * the provider's tokens never leave the server. After the callback the web app takes a Kaari
 * token once (`POST /api/auth/oidc/session`), exactly like a password sign-in gives one, so
 * the rest of the app and its sign-out work the same way for both.
 */
@Injectable()
export class OidcSignInService {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly oidc: OidcService,
    private readonly tokens: TokenService,
    private readonly users: UserService,
    private readonly clock: Clock,
    private readonly logger: KaariLogger,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.oidc?.web);
  }

  private settings(): { oidc: OidcConfig; web: OidcWebConfig } {
    const oidc = this.config.oidc;
    if (!oidc?.web) throw new DomainError('NOT_FOUND', 'City sign-in is not configured (OIDC_CLIENT_ID)');
    return { oidc, web: oidc.web };
  }

  /** The provider's metadata, discovered at the first sign-in and kept; a failed discovery is tried again by the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    const { oidc, web } = this.settings();
    this.discovered ??= client
      .discovery(
        new URL(oidc.issuer),
        web.clientId,
        web.clientSecret ?? undefined,
        web.clientSecret ? client.ClientSecretBasic(web.clientSecret) : client.None(),
        {
          // Development only, behind OIDC_ALLOW_INSECURE (refused at boot otherwise).
          execute: oidc.allowInsecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        this.discovered = null;
        this.logger.event('warn', 'oidc.discovery-failed', { issuer: oidc.issuer, error: (error as Error)?.message }, 'OidcSignInService');
        throw new DomainError('UNAVAILABLE', "The city's identity provider cannot be reached; try again shortly", [], 10);
      });
    return this.discovered;
  }

  /** Starts a sign-in: the row for the browser's cookie, and the provider's authorization URL to send the browser to. */
  async start(returnTo: unknown): Promise<{ cookie: string; location: string; maxAgeSeconds: number }> {
    const { web } = this.settings();
    const config = await this.configuration();
    const now = this.clock.now();
    await this.db.query(`DELETE FROM oidc_sign_ins WHERE expires_at < $1`, [now]);
    const [{ pending }] = await this.db.query(`SELECT count(*)::int AS pending FROM oidc_sign_ins`);
    if (pending >= MAX_PENDING) throw new DomainError('TOO_MANY_REQUESTS', 'Too many city sign-ins are under way; try again shortly', [], 60);
    const secret = randomBytes(32).toString('base64url');
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    await this.db.query(`INSERT INTO oidc_sign_ins (id, state, nonce, code_verifier, return_to, expires_at) VALUES ($1,$2,$3,$4,$5,$6)`, [
      hashOf(secret),
      state,
      nonce,
      verifier,
      safeReturnTo(returnTo),
      new Date(now.getTime() + SIGN_IN_SECONDS * 1000),
    ]);
    const location = client.buildAuthorizationUrl(config, {
      redirect_uri: web.redirectUri,
      scope: web.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { cookie: secret, location: location.href, maxAgeSeconds: SIGN_IN_SECONDS };
  }

  /**
   * The provider sent the browser back. The row is taken once (a replayed callback finds
   * nothing), the code is exchanged with the verifier, the id token checked (signature,
   * issuer, audience, expiry, nonce) by openid-client, and the identity linked by issuer +
   * subject. The outcome — whom the token is for, or why not — waits in the row for the
   * web app. Returns where to send the browser.
   */
  async finish(cookie: string | undefined, search: string): Promise<string> {
    const { web } = this.settings();
    const now = this.clock.now();
    const id = cookie ? hashOf(cookie) : null;
    const row = id ? await this.take(id, now) : null;
    if (!row) return '/?signin=city';
    let outcome: { userId: string } | { refusal: Refusal };
    try {
      const config = await this.configuration();
      const callback = new URL(web.redirectUri);
      callback.search = search;
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: row.code_verifier,
        expectedState: row.state,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      let claims: JWTPayload = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        // Many providers give the profile (username, groups, roles) at userinfo only; the id token's own claims stand.
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...idClaims, ...info, iss: idClaims.iss, sub: idClaims.sub, aud: idClaims.aud, exp: idClaims.exp, iat: idClaims.iat };
      }
      outcome = { userId: (await this.oidc.signIn(claims, 'web')).id };
    } catch (error) {
      outcome = { refusal: this.refusalOf(error) };
    }
    await this.db.query(`UPDATE oidc_sign_ins SET user_id = $2, refusal = $3, expires_at = $4 WHERE id = $1`, [
      id,
      'userId' in outcome ? outcome.userId : null,
      'refusal' in outcome ? JSON.stringify(outcome.refusal) : null,
      new Date(now.getTime() + HAND_OFF_SECONDS * 1000),
    ]);
    const to = row.return_to;
    return `${to}${to.includes('?') ? '&' : '?'}signin=city`;
  }

  private async take(id: string, now: Date): Promise<{ state: string; nonce: string; code_verifier: string; return_to: string } | null> {
    return this.db.transaction(async (em) => {
      const [row] = await em.query(
        `SELECT state, nonce, code_verifier, return_to FROM oidc_sign_ins WHERE id = $1 AND expires_at > $2 AND state <> '' AND user_id IS NULL AND refusal IS NULL FOR UPDATE`,
        [id, now],
      );
      if (!row) return null;
      await em.query(`UPDATE oidc_sign_ins SET state = '' WHERE id = $1`, [id]);
      return row;
    });
  }

  /** The web app takes its Kaari token for the finished sign-in, once; or hears why there is none. */
  async handOff(cookie: string | undefined, address: string | undefined): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    this.settings();
    const now = this.clock.now();
    // DELETE … RETURNING: the token is handed out once, whatever races.
    const [row] = cookie
      ? await updateReturning<{ user_id: string | null; refusal: Refusal | null }>(
          this.db,
          `DELETE FROM oidc_sign_ins WHERE id = $1 AND expires_at > $2 AND (user_id IS NOT NULL OR refusal IS NOT NULL) RETURNING user_id, refusal`,
          [hashOf(cookie), now],
        )
      : [];
    if (!row)
      throw new DomainError('UNAUTHENTICATED', 'No city sign-in is waiting to be completed; sign in again', [
        { path: null, code: 'no-sign-in', message: 'no city sign-in is waiting' },
      ]);
    if (row.refusal) throw new DomainError(row.refusal.code, row.refusal.message, row.refusal.problems ?? []);
    const user = await this.users.findById(row.user_id!);
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'The account is disabled');
    await this.users.recordSignIn(user.username, 'signed-in', address);
    return this.tokens.issue(user);
  }

  /**
   * Where the browser goes after the web app ended its Kaari session (`POST /api/auth/logout`):
   * the provider's end_session_endpoint (RP-initiated logout, back to the app afterwards), or
   * straight back to the app when the provider has none.
   */
  async signOutLocation(): Promise<string> {
    const { web } = this.settings();
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return web.postLogoutRedirectUri;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: web.postLogoutRedirectUri }).href;
  }

  private refusalOf(error: unknown): Refusal {
    if (error instanceof DomainError) return { code: error.code, message: error.message, problems: error.problems };
    if (error instanceof client.AuthorizationResponseError) {
      return {
        code: 'UNAUTHENTICATED',
        message: `The identity provider did not sign you in (${error.error})`,
        problems: [{ path: null, code: 'provider-refused', message: error.error }],
      };
    }
    if (error instanceof client.ResponseBodyError) {
      return {
        code: 'UNAUTHENTICATED',
        message: `The identity provider refused the sign-in (${error.error})`,
        problems: [{ path: null, code: 'provider-refused', message: error.error }],
      };
    }
    const message = (error as Error)?.message ?? String(error);
    this.logger.event('warn', 'oidc.callback-refused', { error: message, code: (error as { code?: string })?.code ?? null }, 'OidcSignInService');
    if (error instanceof client.ClientError) {
      // openid-client's checks: state, nonce, issuer, audience, signature, expiry of the id token.
      return {
        code: 'UNAUTHENTICATED',
        message: `The identity provider's answer was refused: ${message}`,
        problems: [{ path: null, code: 'answer-refused', message }],
      };
    }
    return { code: 'UNAVAILABLE', message: "The city's identity provider could not be reached; try again shortly" };
  }
}
