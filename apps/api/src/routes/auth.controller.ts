import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError, notFound } from '@kaari/common/errors.js';
import { OrganisationSeeder } from '@kaari/governance/organisation-seeder.js';
import { OidcService } from '@kaari/access/oidc.service.js';
import { SignInThrottle } from '@kaari/access/sign-in-throttle.js';
import { TokenService } from '@kaari/access/token.service.js';
import { UserService } from '@kaari/access/user.service.js';
import { CurrentActor, Public, type AuthedRequest } from '../http/auth.guard.js';
import { DEMO_PASSWORD } from '../startup.service.js';
import { DemoUsersView, MeView, TokenView } from './access-views.dto.js';
import { LanguageDto } from './access.dto.js';
import { TokenRequest } from './dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
    private readonly throttle: SignInThrottle,
    private readonly oidc: OidcService,
    private readonly seeder: OrganisationSeeder,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
  ) {}

  /** In demo mode, the sign-in page names the demo people by their bodies and roles; otherwise there are none (404). */
  @Public()
  @Get('demo-users')
  @ApiOkResponse({ type: DemoUsersView, description: 'In demo mode (KAARI_DEMO); a 404 problem otherwise' })
  async demoUsers(): Promise<DemoUsersView> {
    if (!this.config.demo) throw notFound('Demo mode');
    const seed = await this.seeder.read();
    const names = new Map(seed.bodies.map((b) => [b.code, b.name]));
    const users = [];
    for (const u of seed.demoUsers ?? []) {
      const user = await this.users.findByUsername(u.username);
      // Only people who can sign in with the demo password: an account made or closed otherwise is left out.
      if (!user || user.disabled) continue;
      users.push({
        username: u.username,
        displayName: u.displayName,
        roles: u.roles,
        bodies: u.bodies.map((b) => ({ code: b.code, name: names.get(b.code) ?? { fi: b.code, en: b.code }, role: b.role ?? 'member' })),
      });
    }
    return { password: DEMO_PASSWORD, users };
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  async token(@Req() req: AuthedRequest, @Body() body: TokenRequest) {
    // Throttled before the password is even checked: over the limit, a right password is refused too.
    await this.throttle.check(body.username, req.ip);
    const user = await this.users.verify(body.username, body.password);
    if (!user) {
      await this.throttle.failed(body.username, req.ip);
      await this.users.recordSignIn(body.username, 'failed', req.ip);
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password', [
        { path: null, code: 'wrong-credentials', message: 'Wrong username or password' },
      ]);
    }
    await this.throttle.succeeded(body.username);
    await this.users.recordSignIn(user.username, 'signed-in', req.ip);
    return this.tokens.issue(user);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every token of the user is revoked' })
  async logout(@CurrentActor() actor: Actor) {
    await this.users.revokeTokens(actor.userId!);
    await this.oidc.revoke(actor.userId!);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeView })
  async me(@CurrentActor() actor: Actor) {
    return {
      ...(await this.users.view(actor.username)),
      language: await this.users.languageOf(actor.username),
      actingFor: actor.bodies,
      deputyFor: actor.deputyFor ?? [],
    };
  }

  @ApiBearerAuth()
  @Put('me/language')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The language is kept on the account: the web app starts in it, e-mails are written in it' })
  async setLanguage(@CurrentActor() actor: Actor, @Body() body: LanguageDto) {
    await this.users.setLanguage(actor.userId!, body.language);
  }
}
