import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { standingOrdersFrom } from './meetings/standing-orders.js';
import { BodyService, type BodyInput } from './body.service.js';

export interface OrganisationSeed {
  organisation: string;
  name: { fi: string; sv?: string; en: string };
  bodies: Array<BodyInput & { standingOrders?: unknown }>;
  /** The municipality's name in Finnish and Swedish, for minutes and appeal instructions. */
  city?: { fi: string; sv: string };
  /** The administrative court that hears appeals against the organisation's decisions, for appeal instructions. */
  court?: { fi: string; sv: string };
  demoUsers?: Array<{ username: string; displayName: string; roles: string[]; bodies: Array<{ code: string; role?: string }> }>;
}

/** Reads `processes/organisations/<name>.json`, the format admins also export and import. */
@Injectable()
export class OrganisationSeeder {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly bodies: BodyService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async read(name = this.config.organisation): Promise<OrganisationSeed> {
    const file = path.join(this.config.processesDir, 'organisations', `${name}.json`);
    return JSON.parse(await readFile(file, 'utf8')) as OrganisationSeed;
  }

  /** Adds the seed's bodies that do not exist yet; returns the seed for the caller to add demo users. */
  async seedBodies(name?: string): Promise<{ seed: OrganisationSeed; added: number }> {
    const seed = await this.read(name);
    const added = await this.bodies.seed(seed.bodies);
    await this.seedStandingOrders(seed.bodies);
    return { seed, added };
  }

  /** The seed's standing orders for bodies that have none yet (an admin's edits are kept). */
  private async seedStandingOrders(bodies: Array<{ code: string; standingOrders?: unknown }>): Promise<void> {
    for (const b of bodies) {
      if (!b.standingOrders) continue;
      const o = standingOrdersFrom(b.standingOrders);
      await this.db.query(
        `INSERT INTO body_standing_orders (body_code, invitation_days, quorum_rule, minutes_checkers, electronic_procedure, updated_by, updated_at)
         SELECT $1,$2,$3,$4,$5,'system',now() WHERE EXISTS (SELECT 1 FROM bodies WHERE code = $1) ON CONFLICT (body_code) DO NOTHING`,
        [b.code, o.invitationDays, o.quorum, o.minutesCheckers, o.electronicProcedure],
      );
    }
  }
}
