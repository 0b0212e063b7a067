import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { DomainError, notFound } from '@kaari/common/errors.js';
import { DefinitionEntity, type DefinitionSummary } from '@kaari/persistence/entities.js';
import type { BpmnName } from './bpmn-validator.js';
import type { CandidateGroupDirectory } from './candidate-groups.js';
import { DiagramChecks } from './diagram-checks.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';

export interface DefinitionView {
  id: string;
  key: string;
  version: number;
  name: string | null;
  checksum: string;
  deployedBy: string | null;
  deployedAt: string;
  userTasks: DefinitionSummary['userTasks'];
  startFormKey: string | null;
  /** The process's and its elements' names with their Swedish and English translations (empty for versions deployed before they were kept). */
  names: BpmnName[];
}

/** The stored summary with the diagram's names, which versions deployed before they were kept lack. */
type StoredSummary = DefinitionSummary & { names?: BpmnName[] };

export interface DeployResult extends DefinitionView {
  /** False when the same diagram was already the latest version: nothing new was stored. */
  created: boolean;
}

/** Deployed diagrams, one row per version. Owns `definitions`. */
@Injectable()
export class DefinitionService implements OnModuleDestroy {
  /** Parsed source contexts by definition id; versions never change, so this cache cannot go stale. */
  private readonly sources = new Map<string, string>();
  /** Diagrams are parsed and validated off the event loop. */
  private readonly checks: DiagramChecks;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAARI_CONFIG) config: KaariConfig,
  ) {
    this.checks = new DiagramChecks({ timeoutMs: DIAGRAM_CHECK_TIMEOUT_MS, memoryMb: config.engineThreadMemoryMb });
  }

  async onModuleDestroy(): Promise<void> {
    await this.checks.close();
  }

  private async checkDiagram(xml: string, withSource: boolean, knownForms?: ReadonlySet<string>) {
    const forms = knownForms ?? this.knownForms;
    const groups = this.candidateGroups ? [...(await this.candidateGroups.codes())] : null;
    return this.checks.check({ xml, bodies: groups, forms: forms ? [...forms] : null, withSource });
  }

  private knownForms: ReadonlySet<string> | undefined;
  private candidateGroups: CandidateGroupDirectory | undefined;

  /** The forms another module keeps (libs/governance): from then on a diagram naming any other form is refused. */
  useForms(keys: ReadonlySet<string>): void {
    this.knownForms = keys;
  }

  /** The groups another module keeps (libs/governance's steering bodies): from then on a user task naming any other group is refused. */
  useCandidateGroups(directory: CandidateGroupDirectory): void {
    this.candidateGroups = directory;
  }

  /** Checks a diagram as a deploy would, without storing it (the modeler lints with this). */
  async check(
    xml: string,
    knownForms?: ReadonlySet<string>,
  ): Promise<{ ok: boolean; processId: string | null; problems: Array<{ elementId: string | null; code: string; message: string }> }> {
    const result = await this.checkDiagram(xml, false, knownForms);
    return result.ok ? { ok: true, processId: result.processId, problems: [] } : { ok: false, processId: null, problems: result.problems };
  }

  /** Validates a diagram and stores it as the next version of its process, unless it equals the latest. */
  async deploy(xml: string, deployedBy: string | null, knownForms?: ReadonlySet<string>): Promise<DeployResult> {
    const result = await this.checkDiagram(xml, true, knownForms);
    if (!result.ok) {
      throw new DomainError(
        'INVALID_BPMN',
        `The diagram cannot be deployed: ${result.problems.length} problem(s)`,
        result.problems.map((p) => ({ path: p.elementId, code: p.code, message: p.message })),
      );
    }
    const checksum = createHash('sha256').update(xml).digest('hex');
    const sourceContext = result.sourceContext!;
    const summary: StoredSummary = {
      processId: result.processId,
      name: result.name,
      userTasks: result.userTasks,
      startFormKey: result.startFormKey,
      names: result.names,
    };
    return this.db.transaction(async (em) => {
      // Serialises deploys of one key so two uploads cannot take the same version number.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${result.processId}`]);
      const latest = await em.findOne(DefinitionEntity, { where: { key: result.processId }, order: { version: 'DESC' } });
      if (latest && latest.checksum === checksum) return { ...this.view(latest), created: false };
      const row = em.create(DefinitionEntity, {
        id: randomUUID(),
        key: result.processId,
        version: (latest?.version ?? 0) + 1,
        name: result.name,
        xml,
        checksum,
        sourceContext,
        summary,
        deployedBy,
      });
      await em.insert(DefinitionEntity, row);
      await appendAudit(em, [
        {
          action: 'definition.deployed',
          entityType: 'definition',
          entityId: `${row.key}:${row.version}`,
          after: { key: row.key, version: row.version, checksum },
        },
      ]);
      const saved = await em.findOneByOrFail(DefinitionEntity, { id: row.id });
      return { ...this.view(saved), created: true };
    });
  }

  async latestVersions(): Promise<DefinitionView[]> {
    const rows: DefinitionEntity[] = await this.db
      .getRepository(DefinitionEntity)
      .createQueryBuilder('d')
      .distinctOn(['d.key'])
      .orderBy('d.key')
      .addOrderBy('d.version', 'DESC')
      .getMany();
    return rows.map((r) => this.view(r));
  }

  async versions(key: string): Promise<DefinitionView[]> {
    const rows = await this.db.getRepository(DefinitionEntity).find({ where: { key }, order: { version: 'DESC' } });
    if (!rows.length) throw notFound(`Process ${key}`);
    return rows.map((r) => this.view(r));
  }

  async get(key: string, version?: number): Promise<DefinitionEntity> {
    // Versions are integer column values: anything past them names no version (and is never sent to PostgreSQL).
    if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= 2_147_483_647))
      throw notFound(`Version ${version} of process ${key}`);
    const row = await this.db.getRepository(DefinitionEntity).findOne({
      where: version === undefined ? { key } : { key, version },
      order: { version: 'DESC' },
    });
    if (!row) throw notFound(version === undefined ? `Process ${key}` : `Version ${version} of process ${key}`);
    return row;
  }

  async sourceContext(definitionId: string): Promise<string> {
    let source = this.sources.get(definitionId);
    if (!source) {
      const row = await this.db.getRepository(DefinitionEntity).findOne({ where: { id: definitionId }, select: { id: true, sourceContext: true } });
      if (!row) throw notFound(`Definition ${definitionId}`);
      source = row.sourceContext;
      this.sources.set(definitionId, source);
    }
    return source;
  }

  view(r: DefinitionEntity): DefinitionView {
    return {
      id: r.id,
      key: r.key,
      version: r.version,
      name: r.name,
      checksum: r.checksum,
      deployedBy: r.deployedBy,
      deployedAt: r.deployedAt.toISOString(),
      userTasks: r.summary.userTasks,
      startFormKey: r.summary.startFormKey,
      names: (r.summary as StoredSummary).names ?? [],
    };
  }
}

/** Far above what a 2 MB diagram takes to parse; past it the diagram is refused rather than waited for. */
const DIAGRAM_CHECK_TIMEOUT_MS = 30_000;
