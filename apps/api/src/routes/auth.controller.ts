import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { DomainError } from '@kaari/common/errors.js';
import { TokenService } from '@kaari/access/token.service.js';
import { UserService } from '@kaari/access/user.service.js';
import { CurrentActor, Public } from '../http/auth.guard.js';
import { TokenRequest } from './dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: TokenRequest) {
    const user = await this.users.verify(body.username, body.password);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    return this.tokens.issue(user);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor) {
    await this.users.revokeTokens(actor.userId!);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentActor() actor: Actor) {
    return this.users.view(actor.username);
  }
}
