import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { OidcSignInService } from '@kaari/access/oidc-sign-in.service.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { Public } from '../http/auth.guard.js';
import { CitySignInStatus, TokenView } from './access-views.dto.js';

const REDIRECT = (description: string) => ApiResponse({ status: 303, description, headers: { Location: { schema: { type: 'string' } } } });

/** The browser's handle on its sign-in under way; the rest stays on the server. */
const COOKIE = 'kaari_city_sign_in';
const COOKIE_PATH = '/api/auth/oidc';

function cookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * City sign-in for the web app (see OidcSignInService): login → the provider → callback →
 * the web app takes its Kaari token from `session`. Sign-out is `POST /api/auth/logout`,
 * then the browser visits `logout` to end the provider's session too.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcSignInController {
  constructor(
    private readonly signIn: OidcSignInService,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
  ) {}

  private cookieOptions(maxAgeSeconds?: number): CookieOptions {
    // Lax: the provider's redirect back is a top-level GET from its site, which must carry the cookie.
    const secure = (this.config.oidc?.web?.redirectUri ?? this.config.publicUrl).startsWith('https:');
    return { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds * 1000 } : {}) };
  }

  /** Whether the web app offers the city's sign-in. */
  @Public()
  @Get()
  @ApiOkResponse({ type: CitySignInStatus })
  status() {
    return { enabled: this.signIn.enabled };
  }

  @Public()
  @Get('login')
  @REDIRECT('To the identity provider, with the sign-in’s cookie set')
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response) {
    const { cookie, location, maxAgeSeconds } = await this.signIn.start(returnTo);
    res.cookie(COOKIE, cookie, this.cookieOptions(maxAgeSeconds)).redirect(303, location);
  }

  @Public()
  @Get('callback')
  @REDIRECT('Back to the web app (`?signin=city`), or to its sign-in page with the reason')
  async callback(@Req() req: Request, @Res() res: Response) {
    const search = new URL(req.originalUrl, 'http://kaari.invalid').search;
    res.redirect(303, await this.signIn.finish(cookieOf(req), search));
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView, description: 'The Kaari token of the finished sign-in, taken once' })
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const cookie = cookieOf(req);
    res.clearCookie(COOKIE, this.cookieOptions());
    return this.signIn.handOff(cookie, req.ip);
  }

  @Public()
  @Get('logout')
  @REDIRECT('To the identity provider’s end_session_endpoint, or to the web app')
  async logout(@Res() res: Response) {
    res.redirect(303, await this.signIn.signOutLocation());
  }
}
