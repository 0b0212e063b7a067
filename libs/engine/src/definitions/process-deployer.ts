import { Inject, Injectable } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { DefinitionService } from './definition.service.js';

/** A shipped diagram start-up did not deploy, and why. */
export interface SkippedDiagram {
  file: string;
  /** `missing-bodies`: it names candidate bodies the seeded organisation does not have (another organisation's diagram); `invalid`: anything else. */
  reason: 'missing-bodies' | 'invalid';
  /** The candidate bodies it names that do not exist, for `missing-bodies`. */
  missingBodies?: string[];
  /** The first problems, for `invalid`. */
  problems?: string[];
}

/**
 * Deploys every `processes/*.bpmn` at start-up whose candidate bodies all exist (the seeded
 * organisation's: a diagram of another organisation is not for this deployment); an unchanged file
 * makes no new version. The diagrams it leaves out are named in one `definitions.skipped` line.
 */
@Injectable()
export class ProcessDeployer {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly definitions: DefinitionService,
    private readonly logger: KaariLogger,
  ) {}

  async deployAll(): Promise<{ deployed: string[]; skipped: SkippedDiagram[] }> {
    const dir = this.config.processesDir;
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.bpmn')).sort();
    const deployed: string[] = [];
    const skipped: SkippedDiagram[] = [];
    for (const file of files) {
      const xml = await readFile(path.join(dir, file), 'utf8');
      try {
        const result = await this.definitions.deploy(xml, 'system');
        deployed.push(file);
        this.logger.event(
          'info',
          result.created ? 'definition.deployed' : 'definition.unchanged',
          { file, key: result.key, version: result.version },
          'ProcessDeployer',
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'INVALID_BPMN') throw error;
        skipped.push(skippedFor(file, error));
      }
    }
    if (skipped.length) {
      // One line for every start, at info when each skipped diagram is only for bodies this organisation does not have.
      const invalid = skipped.some((s) => s.reason === 'invalid');
      this.logger.event(invalid ? 'warn' : 'info', 'definitions.skipped', { organisation: this.config.organisation, skipped }, 'ProcessDeployer');
    }
    return { deployed, skipped };
  }
}

const MISSING_BODY = /^Steering body "(.+)" does not exist$/;

/** Why a diagram was refused: only unknown candidate bodies, or something else that is wrong with it. */
export function skippedFor(file: string, error: DomainError): SkippedDiagram {
  const missing = new Set<string>();
  const other: string[] = [];
  for (const p of error.problems) {
    const body = p.code === 'unknown-body' ? MISSING_BODY.exec(p.message)?.[1] : undefined;
    if (body) missing.add(body);
    else other.push(`${p.path ?? ''}: ${p.message}`);
  }
  if (missing.size && !other.length) return { file, reason: 'missing-bodies', missingBodies: [...missing].sort() };
  return { file, reason: 'invalid', problems: other.slice(0, 5) };
}
