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
    const generated = await this.users.ensureAdmin(this.config.adminPassword);
    if (generated) {
      // Printed once, on purpose, to the console of whoever started the first api: it is not a log event.
      process.stdout.write(`\nKaari created the user "admin" with the password: ${generated}\nSet KAARI_ADMIN_PASSWORD to choose it.\n\n`);
    }
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
