import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { DomainError } from '@kaari/common/errors.js';
import { OidcService } from '@kaari/access/oidc.service.js';
import { SignInThrottle } from '@kaari/access/sign-in-throttle.js';
import { TokenService } from '@kaari/access/token.service.js';
import { UserService } from '@kaari/access/user.service.js';
import { CurrentActor, Public, type AuthedRequest } from '../http/auth.guard.js';
import { MeView, TokenView } from './access-views.dto.js';
import { TokenRequest } from './dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
    private readonly throttle: SignInThrottle,
    private readonly oidc: OidcService,
  ) {}

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
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
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
    return { ...(await this.users.view(actor.username)), actingFor: actor.bodies, deputyFor: actor.deputyFor ?? [] };
  }
}
