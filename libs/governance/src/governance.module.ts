import { Module } from '@nestjs/common';
import { BodyService } from './body.service.js';
import { OrganisationSeeder } from './organisation-seeder.js';

@Module({
  providers: [BodyService, OrganisationSeeder],
  exports: [BodyService, OrganisationSeeder],
})
export class GovernanceModule {}
