import { Inject, Injectable } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
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
      const result = await this.definitions.deploy(xml, 'system');
      this.logger.event('info', result.created ? 'definition.deployed' : 'definition.unchanged', { file, key: result.key, version: result.version }, 'ProcessDeployer');
    }
  }
}
