import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { REDIS } from '@kaari/common/redis.js';
import { UserService } from '@kaari/access/user.service.js';
import { ProcessDeployer } from '@kaari/engine/definitions/process-deployer.js';
import { OrganisationSeeder } from '@kaari/governance/organisation-seeder.js';

export const DEMO_PASSWORD = 'kaari-demo-2026';

/** Seeds the organisation, the admin account and the processes when the api starts. Every step is idempotent. */
@Injectable()
export class StartupService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** The password given to `admin` when this start created it; main prints it once the api listens. */
  generatedAdminPassword: string | null = null;

  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly seeder: OrganisationSeeder,
    private readonly users: UserService,
    private readonly deployer: ProcessDeployer,
    private readonly logger: KaariLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { seed, added } = await this.seeder.seedBodies();
    this.logger.event('info', 'organisation.seeded', { organisation: seed.organisation, bodiesAdded: added }, 'Startup');
    this.generatedAdminPassword = await this.users.ensureAdmin(this.config.adminPassword);
    if (this.config.demo) {
      for (const u of seed.demoUsers ?? []) {
        if (await this.users.findByUsername(u.username)) continue;
        await this.users.create({ ...u, password: DEMO_PASSWORD }).catch(() => undefined);
      }
      this.logger.event('info', 'demo.users', { count: seed.demoUsers?.length ?? 0 }, 'Startup');
    }
    await this.deployer.deployAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
