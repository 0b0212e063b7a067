import { Module } from '@nestjs/common';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { AuditService } from './audit.service.js';
import { DeputyService } from './deputy.service.js';
import { OidcService } from './oidc.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { OrganisationTransfer } from './organisation-transfer.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokenService } from './token.service.js';
import { UserService } from './user.service.js';

@Module({
  imports: [GovernanceModule],
  providers: [UserService, TokenService, AuditService, SignInThrottle, OidcService, OidcSignInService, DeputyService, OrganisationTransfer],
  exports: [UserService, TokenService, AuditService, SignInThrottle, OidcService, OidcSignInService, DeputyService, OrganisationTransfer],
})
export class AccessModule {}
