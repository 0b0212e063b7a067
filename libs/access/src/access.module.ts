import { Module } from '@nestjs/common';
import { GovernanceModule } from '@kaari/governance/governance.module.js';
import { TokenService } from './token.service.js';
import { UserService } from './user.service.js';

@Module({
  imports: [GovernanceModule],
  providers: [UserService, TokenService],
  exports: [UserService, TokenService],
})
export class AccessModule {}
