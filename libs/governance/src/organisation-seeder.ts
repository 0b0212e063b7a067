import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { BodyService, type BodyInput } from './body.service.js';

export interface OrganisationSeed {
  organisation: string;
  name: { fi: string; sv?: string; en: string };
  bodies: BodyInput[];
  demoUsers?: Array<{ username: string; displayName: string; roles: string[]; bodies: Array<{ code: string; role?: string }> }>;
}

/** Reads `processes/organisations/<name>.json`, the format admins also export and import. */
@Injectable()
export class OrganisationSeeder {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly bodies: BodyService,
  ) {}

  async read(name = this.config.organisation): Promise<OrganisationSeed> {
    const file = path.join(this.config.processesDir, 'organisations', `${name}.json`);
    return JSON.parse(await readFile(file, 'utf8')) as OrganisationSeed;
  }

  /** Adds the seed's bodies that do not exist yet; returns the seed for the caller to add demo users. */
  async seedBodies(name?: string): Promise<{ seed: OrganisationSeed; added: number }> {
    const seed = await this.read(name);
    const added = await this.bodies.seed(seed.bodies);
    return { seed, added };
  }
}
