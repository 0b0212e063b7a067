import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isDirector, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { badInput, conflict, DomainError, forbidden, type ProblemItem } from '@kaari/common/errors.js';
import { ProblemCollector, yielder } from '@kaari/common/upload-limits.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { StepWriter } from '@kaari/engine/instances/step-writer.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { ServiceRowEntity } from '@kaari/persistence/governance.entities.js';
import { MAX_SERVICE_ROWS } from '../forms/case-forms.js';
import type { AgeGroup, ProviderType, Targeting } from '../forms/form-labels.js';
import { FormService } from '../forms/form.service.js';
import { cellPath, readInventoryFile } from './inventory-import.js';

export const MAPPING_FORM = 'kaari:service-mapping';

export interface ServiceRow {
  service: string;
  providerType: ProviderType;
  providerName: string;
  sector: string;
  ageGroups: AgeGroup[];
  targeting: Targeting;
  euros: number;
  personYears: number | null;
  users: Partial<Record<AgeGroup, number>> | null;
  notes: string | null;
}

/** A problem of one imported row, with the form field and the file's column it is about. */
export interface ImportRowProblem extends ProblemItem {
  field: string | null;
  column: string | null;
}

/** What an import would do, saving nothing: the rows it read, each with its problems, and the file's own problems. */
export interface ImportPreview {
  instanceId: string;
  mode: 'replace' | 'append';
  count: number;
  totalEuros: number;
  /** True when the import would save: no problem in the file or any row. */
  valid: boolean;
  problems: ProblemItem[];
  rows: Array<{ rowNumber: number; values: Record<string, unknown>; problems: ImportRowProblem[] }>;
}

export interface InventoryView {
  instanceId: string;
  services: Array<ServiceRow & { id: string; position: number }>;
  count: number;
  totalEuros: number;
}

/**
 * The service inventory of a case (the mapping): entered as JSON, imported from a CSV or
 * Excel file, or sent with the mapping form. Every change replaces the whole inventory in
 * one transaction under the instance lock, so an import with one bad row changes nothing.
 */
@Injectable()
export class ServiceInventoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly forms: FormService,
    private readonly instances: InstanceService,
    private readonly tasks: TaskService,
    private readonly writer: StepWriter,
    private readonly clock: Clock,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
  ) {}

  async get(actor: Actor, instanceId: string): Promise<InventoryView> {
    await this.instances.get(actor, instanceId);
    return this.view(this.db.manager, instanceId);
  }

  async view(em: EntityManager, instanceId: string): Promise<InventoryView> {
    const rows = await em.find(ServiceRowEntity, { where: { instanceId }, order: { position: 'ASC' } });
    const services = rows.map((r) => ({ id: r.id, position: r.position, ...toRow(r) }));
    return { instanceId, services, count: services.length, totalEuros: round2(services.reduce((s, r) => s + r.euros, 0)) };
  }

  /** Rows of many instances (all when `instanceIds` is null), for the reports. */
  async rowsOf(instanceIds: string[] | null): Promise<Array<ServiceRow & { instanceId: string; updatedAt: Date }>> {
    const repo = this.db.getRepository(ServiceRowEntity);
    const rows = instanceIds
      ? await repo.createQueryBuilder('s').where('s.instance_id = ANY(:ids)', { ids: instanceIds }).orderBy('s.instance_id').addOrderBy('s.position').getMany()
      : await repo.find({ order: { instanceId: 'ASC', position: 'ASC' } });
    return rows.map((r) => ({ instanceId: r.instanceId, updatedAt: r.updatedAt, ...toRow(r) }));
  }

  async put(actor: Actor, instanceId: string, services: unknown): Promise<InventoryView> {
    await this.assertEditor(actor, instanceId);
    if (!Array.isArray(services))
      throw badInput('services must be an array of service rows', [{ path: '/services', code: 'type', message: 'must be an array' }]);
    const problems = await this.problems(services, (i, pointer) => `/services/${i}${pointer}`);
    if (problems.length) throw new DomainError('INVALID_FORM_DATA', `The service inventory has ${problems.length} problem(s)`, problems);
    return this.change(actor, instanceId, services as ServiceRow[], { type: 'services.replaced', details: { count: services.length } });
  }

  /**
   * Bytes are bounded before this runs (the upload), rows while the file streams in, and
   * problems while the rows are validated: past any limit the import is refused at once.
   */
  async import(
    actor: Actor,
    instanceId: string,
    file: { buffer: Buffer; originalname?: string },
    mode: 'replace' | 'append' = 'replace',
  ): Promise<InventoryView> {
    await this.assertEditor(actor, instanceId);
    const checked = await this.readImport(file);
    if (checked.problems.length)
      throw new DomainError('INVALID_FORM_DATA', `The file has ${checked.problems.length} problem(s); nothing was imported`, checked.problems);
    const imported = checked.rows.map((r) => r.row as unknown as ServiceRow);
    return this.change(
      actor,
      instanceId,
      imported,
      { type: 'services.imported', details: { count: imported.length, file: (file.originalname ?? '').slice(0, 200), mode } },
      mode,
    );
  }

  /**
   * An import that saves nothing: the file read and checked exactly as `import` reads it (the
   * same editors, limits and problems), answered with the rows it would import and each row's
   * problems, so the user sees them before confirming. Problems of the file itself (its header,
   * no rows, too many services) are in `problems`.
   */
  async dryRun(
    actor: Actor,
    instanceId: string,
    file: { buffer: Buffer; originalname?: string },
    mode: 'replace' | 'append' = 'replace',
  ): Promise<ImportPreview> {
    await this.assertEditor(actor, instanceId);
    const instance = await this.instances.get(actor, instanceId);
    if (instance.state !== 'running')
      throw conflict(`The instance is ${instance.state}; its mapping can no longer change`, 'instance-state', { state: instance.state });
    const checked = await this.readImport(file);
    const problems = [...checked.fileProblems];
    if (mode === 'append' && checked.rows.length <= MAX_SERVICE_ROWS) {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM service_rows WHERE instance_id = $1`, [instanceId]);
      if (n + checked.rows.length > MAX_SERVICE_ROWS)
        problems.push({
          path: 'file',
          code: 'maxItems',
          message: `an inventory holds at most ${MAX_SERVICE_ROWS} services`,
          params: { limit: MAX_SERVICE_ROWS },
        });
    }
    const euros = checked.rows.reduce((sum, r) => sum + (typeof r.row.euros === 'number' ? r.row.euros : 0), 0);
    return {
      instanceId,
      mode,
      count: checked.rows.length,
      totalEuros: round2(euros),
      valid: !problems.length && checked.rows.every((r) => !r.problems.length),
      problems,
      rows: checked.rows.map((r) => ({ rowNumber: r.rowNumber, values: r.row, problems: r.problems })),
    };
  }

  /** Reads an import file and validates its rows, counting every problem against the limit; each row keeps its own. */
  private async readImport(file: { buffer: Buffer; originalname?: string }): Promise<{
    rows: Array<{ rowNumber: number; row: Record<string, unknown>; problems: ImportRowProblem[] }>;
    fileProblems: ProblemItem[];
    problems: ProblemItem[];
  }> {
    const limits = this.config.uploadLimits;
    const parsed = await readInventoryFile(file.buffer, file.originalname ?? '', limits);
    const problems = new ProblemCollector(limits.maxProblems);
    const fileProblems = [...parsed.problems];
    problems.add(...parsed.problems);
    if (!parsed.problems.length && !parsed.rows.length) fileProblems.push({ path: 'file', code: 'empty', message: 'the file has no service rows' });
    if (parsed.rows.length > MAX_SERVICE_ROWS)
      fileProblems.push({
        path: 'file',
        code: 'maxItems',
        message: `at most ${MAX_SERVICE_ROWS} services in one inventory`,
        params: { limit: MAX_SERVICE_ROWS },
      });
    problems.add(...fileProblems.slice(parsed.problems.length));
    const rows = parsed.rows.map((r) => ({ ...r, problems: [] as ImportRowProblem[] }));
    if (parsed.rows.length <= MAX_SERVICE_ROWS) {
      const breathe = yielder();
      for (const r of rows) {
        await breathe();
        r.problems = this.forms.rowProblems(r.row).map((p) => {
          const pointer = p.path === '/' ? '' : (p.path ?? '');
          const path = cellPath(r.rowNumber, pointer, parsed.columns);
          const field = pointer.split('/')[1] || null;
          return { ...p, path, field, column: /column (.+)$/.exec(path)?.[1] ?? null };
        });
        problems.add(...r.problems.map(({ field: _f, column: _c, ...p }) => p));
      }
    }
    return { rows, fileProblems, problems: problems.items };
  }

  private async problems(rows: unknown[], path: (i: number, pointer: string) => string): Promise<ProblemItem[]> {
    if (rows.length > MAX_SERVICE_ROWS) return [{ path: path(0, '').replace(/\/0$/, ''), code: 'maxItems', message: `at most ${MAX_SERVICE_ROWS} services` }];
    const problems = new ProblemCollector(this.config.uploadLimits.maxProblems, 'problems in the services');
    const breathe = yielder();
    for (const [i, row] of rows.entries()) {
      await breathe();
      problems.add(...this.forms.rowProblems(row).map((p) => ({ ...p, path: path(i, p.path === '/' ? '' : (p.path ?? '')) })));
    }
    return problems.items;
  }

  private async change(
    actor: Actor,
    instanceId: string,
    rows: ServiceRow[],
    entry: { type: string; details: Record<string, unknown> },
    mode: 'replace' | 'append' = 'replace',
  ): Promise<InventoryView> {
    await this.db.transaction(async (em) => {
      const instance = await this.instances.lock(em, instanceId);
      if (instance.state !== 'running')
        throw conflict(`The instance is ${instance.state}; its mapping can no longer change`, 'instance-state', { state: instance.state });
      if (mode === 'append') {
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM service_rows WHERE instance_id = $1`, [instanceId]);
        if (n + rows.length > MAX_SERVICE_ROWS) throw badInput(`An inventory holds at most ${MAX_SERVICE_ROWS} services`);
        await this.insert(em, instanceId, rows, actor, n);
      } else {
        await this.replace(em, instanceId, rows, actor);
      }
      await this.writer.history(em, instanceId, actor, [entry]);
    });
    return this.view(this.db.manager, instanceId);
  }

  /**
   * The mapping form's edits, inside its completion transaction: a row with an `id` changes that
   * row, a row without one adds a service — or changes the service of the same name and provider,
   * so a client sending the whole list again makes no duplicates — and a service leaves only when
   * `removed` names it. Services the form leaves out stay as they are: a repeated mapping never
   * silently replaces the inventory. Each addition, change and removal is an entry in the history.
   */
  async applyEdits(
    em: EntityManager,
    instanceId: string,
    edits: { services: Array<ServiceRow & { id?: string }>; removed: string[] },
    actor: Actor,
  ): Promise<{ added: number; changed: number; removed: number }> {
    const current = await em.find(ServiceRowEntity, { where: { instanceId }, order: { position: 'ASC' } });
    const byId = new Map(current.map((r) => [r.id, r]));
    const problems: ProblemItem[] = [];
    const removed = new Set(edits.removed);
    edits.removed.forEach((id, i) => {
      if (!byId.has(id)) problems.push({ path: `/removedServices/${i}`, code: 'unknown-service', message: 'no such service in the case’s inventory' });
    });
    const claimed = new Set<string>();
    const plan: Array<{ index: number; row: ServiceRow; target: ServiceRowEntity | null }> = [];
    edits.services.forEach(({ id, ...row }, index) => {
      const target = id ? (byId.get(id) ?? null) : (current.find((r) => !claimed.has(r.id) && !removed.has(r.id) && identity(r) === identity(row)) ?? null);
      if (id && !target) problems.push({ path: `/services/${index}/id`, code: 'unknown-service', message: 'no such service in the case’s inventory' });
      if (target && claimed.has(target.id))
        problems.push({ path: `/services/${index}/id`, code: 'duplicate-service', message: 'the same service is edited twice' });
      if (target && removed.has(target.id))
        problems.push({ path: `/services/${index}/id`, code: 'removed-and-changed', message: 'the service is both changed and removed' });
      if (target) claimed.add(target.id);
      plan.push({ index, row, target });
    });
    const after = current.length - removed.size + plan.filter((p) => !p.target).length;
    if (after > MAX_SERVICE_ROWS) problems.push({ path: '/services', code: 'maxItems', message: `at most ${MAX_SERVICE_ROWS} services in one inventory` });
    if (problems.length) throw new DomainError('INVALID_FORM_DATA', `The mapping’s edits have ${problems.length} problem(s)`, problems);

    const entries: Array<{ type: string; details: Record<string, unknown> }> = [];
    const now = this.clock.now();
    for (const id of removed) {
      const r = byId.get(id)!;
      await em.delete(ServiceRowEntity, { id });
      entries.push({ type: 'service.removed', details: { service: r.service, providerName: r.providerName, euros: Number(r.euros) } });
    }
    const additions: ServiceRow[] = [];
    for (const { row, target } of plan) {
      if (!target) {
        additions.push(row);
        entries.push({ type: 'service.added', details: { service: row.service, providerName: row.providerName, euros: row.euros } });
        continue;
      }
      const fields = changedFields(toRow(target), row);
      if (!fields.length) continue;
      await em.update(ServiceRowEntity, { id: target.id }, { ...columns(row), updatedBy: actor.username, updatedAt: now });
      entries.push({ type: 'service.changed', details: { service: row.service, providerName: row.providerName, euros: row.euros, fields } });
    }
    const last = current.reduce((m, r) => Math.max(m, r.position), 0);
    await this.insert(em, instanceId, additions, actor, last);
    if (removed.size)
      await em.query(
        `UPDATE service_rows s SET position = o.n FROM (SELECT id, row_number() OVER (ORDER BY position, id)::int AS n FROM service_rows WHERE instance_id = $1) o
          WHERE s.id = o.id AND s.position <> o.n`,
        [instanceId],
      );
    if (entries.length) await this.writer.history(em, instanceId, actor, entries);
    return { added: additions.length, changed: entries.filter((e) => e.type === 'service.changed').length, removed: removed.size };
  }

  /** Replaces the inventory inside the caller's transaction. */
  async replace(em: EntityManager, instanceId: string, rows: ServiceRow[], actor: Actor): Promise<void> {
    await em.delete(ServiceRowEntity, { instanceId });
    await this.insert(em, instanceId, rows, actor, 0);
  }

  private async insert(em: EntityManager, instanceId: string, rows: ServiceRow[], actor: Actor, offset: number): Promise<void> {
    const now = this.clock.now();
    const entities = rows.map((r, i) => ({
      id: randomUUID(),
      instanceId,
      position: offset + i + 1,
      ...columns(r),
      updatedBy: actor.username,
      updatedAt: now,
    }));
    for (let i = 0; i < entities.length; i += 500) await em.insert(ServiceRowEntity, entities.slice(i, i + 500));
  }

  /** Directors, and members of the bodies that hold (or held) the instance's mapping task. */
  private async assertEditor(actor: Actor, instanceId: string): Promise<void> {
    await this.instances.get(actor, instanceId);
    if (isDirector(actor)) return;
    const { items } = await this.tasks.list(actor, { instanceId, state: 'all', limit: 500 });
    const mapping = items.filter((t) => t.formKey === MAPPING_FORM);
    if (!mapping.some((t) => t.candidateBodies.some((b) => actor.bodies.includes(b)))) {
      throw forbidden('Only a director or a member of the body doing the mapping changes the service inventory', 'not-a-mapper');
    }
  }
}

function toRow(r: ServiceRowEntity): ServiceRow {
  return {
    service: r.service,
    providerType: r.providerType as ProviderType,
    providerName: r.providerName,
    sector: r.sector,
    ageGroups: r.ageGroups as AgeGroup[],
    targeting: r.targeting as Targeting,
    euros: Number(r.euros),
    personYears: r.personYears === null ? null : Number(r.personYears),
    users: r.users,
    notes: r.notes,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function columns(r: ServiceRow) {
  return {
    service: r.service,
    providerType: r.providerType,
    providerName: r.providerName,
    sector: r.sector,
    ageGroups: r.ageGroups ?? [],
    targeting: r.targeting,
    euros: String(r.euros),
    personYears: r.personYears === null || r.personYears === undefined ? null : String(r.personYears),
    users: r.users ?? null,
    notes: r.notes ?? null,
  };
}

/** A service is the same service when its name and provider are, ignoring case and spaces (as the children's budget counts them). */
const identity = (r: { service: string; providerName: string }) => `${norm(r.service)}\u0000${norm(r.providerName)}`;
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

const ROW_FIELDS = ['service', 'providerType', 'providerName', 'sector', 'ageGroups', 'targeting', 'euros', 'personYears', 'users', 'notes'] as const;

/** The fields an edit changes, compared as values (age groups as a set, a missing value as none). */
function changedFields(before: ServiceRow, after: ServiceRow): string[] {
  const canon = (field: (typeof ROW_FIELDS)[number], r: ServiceRow): string => {
    const v = r[field];
    if (field === 'ageGroups') return JSON.stringify([...((v as string[] | undefined) ?? [])].sort());
    if (field === 'users') {
      const users = Object.entries((v as Record<string, number> | null | undefined) ?? {}).sort(([a], [b]) => a.localeCompare(b));
      return JSON.stringify(users);
    }
    if (field === 'euros' || field === 'personYears') return v === null || v === undefined ? '' : String(Number(v));
    return typeof v === 'string' ? v : '';
  };
  return ROW_FIELDS.filter((f) => canon(f, before) !== canon(f, after));
}
