import { Inject, Injectable } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { DefinitionService } from './definition.service.js';

/** Deploys every `processes/*.bpmn` at start-up; an unchanged file makes no new version. */
@Injectable()
export class ProcessDeployer {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly definitions: DefinitionService,
    private readonly logger: KaariLogger,
  ) {}

  async deployAll(): Promise<void> {
    const dir = this.config.processesDir;
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.bpmn')).sort();
    for (const file of files) {
      const xml = await readFile(path.join(dir, file), 'utf8');
      try {
        const result = await this.definitions.deploy(xml, 'system');
        this.logger.event(
          'info',
          result.created ? 'definition.deployed' : 'definition.unchanged',
          { file, key: result.key, version: result.version },
          'ProcessDeployer',
        );
      } catch (error) {
        // A diagram for another organisation's bodies (Tampere's seed has no change group) is skipped, not fatal.
        if (!(error instanceof DomainError) || error.code !== 'INVALID_BPMN') throw error;
        this.logger.event(
          'warn',
          'definition.skipped',
          { file, problems: error.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`) },
          'ProcessDeployer',
        );
      }
    }
  }
}
