import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '@kaari/common/actor.js';
import { DomainError } from '@kaari/common/errors.js';
import { DeputyService } from '@kaari/access/deputy.service.js';
import { OidcService } from '@kaari/access/oidc.service.js';
import { TokenService } from '@kaari/access/token.service.js';
import { UserService } from '@kaari/access/user.service.js';
import type { UserEntity } from '@kaari/persistence/entities.js';

const PUBLIC = 'kaari:public';
const ROLES = 'kaari:roles';

/** The route needs no sign-in. */
export const Public = () => SetMetadata(PUBLIC, true);
/** The route needs one of these roles (admin passes every role check). */
export const Roles = (...roles: string[]) => SetMetadata(ROLES, roles);

export type AuthedRequest = Request & { actor?: Actor; correlationId?: string };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});

/**
 * Every route needs a valid bearer token unless marked @Public: Kaari's own, or when
 * configured the city identity provider's. The user is re-read on each request, so
 * disabling a user or signing out revokes their tokens at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UserService,
    private readonly oidc: OidcService,
    private readonly deputies: DeputyService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', 'Sign in: send Authorization: Bearer <token> from POST /api/auth/token');
    let user: UserEntity;
    let acting: Awaited<ReturnType<DeputyService['bodiesActedFor']>>;
    if (this.oidc.claims(match[1])) {
      user = await this.oidc.authenticate(match[1]);
      acting = await this.deputies.bodiesActedFor(user.id);
    } else {
      const claims = await this.tokens.verify(match[1]);
      // The user and the bodies they act for, side by side: the wait is one round trip.
      [user, acting] = await Promise.all([this.localUser(claims), this.deputies.bodiesActedFor(claims.userId)]);
    }
    // Deputising widens the bodies the user acts for, here and only here: every visibility check reads actor.bodies.
    const { own, deputyFor } = acting;
    const bodies = [...new Set([...own, ...deputyFor.flatMap((d) => d.bodies)])].sort();
    req.actor = { userId: user.id, username: user.username, roles: user.roles, bodies, ownBodies: own, deputyFor };
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES, targets);
    if (roles && !user.roles.includes('admin') && !roles.some((r) => user.roles.includes(r))) {
      const message = `This needs the role ${roles.join(' or ')}`;
      throw new DomainError('FORBIDDEN', message, [{ path: null, code: 'role-required', message, params: { roles: roles.join(',') } }]);
    }
    return true;
  }

  private async localUser(claims: { userId: string; tokenVersion: number }): Promise<UserEntity> {
    const user = await this.users.findById(claims.userId);
    if (!user || user.disabled || user.tokenVersion !== claims.tokenVersion) {
      throw new DomainError('UNAUTHENTICATED', 'The token has been revoked; sign in again');
    }
    return user;
  }
}
