import { Module } from '@nestjs/common';
import { BodyService } from './body.service.js';
import { NotificationService } from './notification.service.js';
import { OrganisationSeeder } from './organisation-seeder.js';

@Module({
  providers: [BodyService, OrganisationSeeder, NotificationService],
  exports: [BodyService, OrganisationSeeder, NotificationService],
})
export class GovernanceModule {}
