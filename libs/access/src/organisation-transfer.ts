import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { badInput } from '@kaari/common/errors.js';
import { ProblemCollector, uploadRefused, yielder, type UploadLimits } from '@kaari/common/upload-limits.js';
import { BODY_KINDS, BodyService, MEMBER_ROLES, type BodyInput } from '@kaari/governance/body.service.js';
import { OrganisationSeeder, type OrganisationSeed } from '@kaari/governance/organisation-seeder.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';
import { ROLES } from './user.service.js';

type Person = { username: string; displayName: string; roles: string[]; bodies: Array<{ code: string; role?: string }> };

/** An organisation file: the seeds' format, with the people in `users` (a seed's `demoUsers` are read the same way). */
export type OrganisationFile = OrganisationSeed & { users?: Person[]; exportedAt?: string };

export interface ImportPlan {
  dryRun: boolean;
  bodies: { added: string[]; changed: Array<{ code: string; fields: Record<string, { from: unknown; to: unknown }> }>; unchanged: number };
  users: { added: string[]; changed: Array<{ username: string; fields: Record<string, { from: unknown; to: unknown }> }>; unchanged: number };
  memberships: Array<{ username: string; body: string; change: 'joined' | 'left' | 'role-changed'; role: string | null; previousRole: string | null }>;
}

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,62}$/;

/**
 * Organisation export and import as a file in the format of processes/organisations/*.json.
 * An import first shows its plan (bodies added or changed, users added or changed,
 * memberships joined, left or changed); applied, it changes everything in one transaction.
 * Bodies and people absent from the file are left as they are; imported people have no
 * password (they sign in through the identity provider, or an admin sets one).
 */
@Injectable()
export class OrganisationTransfer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly bodies: BodyService,
    private readonly seeder: OrganisationSeeder,
  ) {}

  async export(): Promise<OrganisationFile> {
    const seed = await this.seeder.read().catch(() => null);
    const bodies = await this.bodies.list();
    const users: Array<{ id: string; username: string; display_name: string; roles: string[] }> = await this.db.query(
      `SELECT id, username, display_name, roles FROM users WHERE NOT disabled AND username <> 'admin' ORDER BY username`,
    );
    const memberships = await this.bodies.allMemberships();
    return {
      organisation: seed?.organisation ?? this.config.organisation,
      name: seed?.name ?? { fi: this.config.organisation, en: this.config.organisation },
      exportedAt: new Date().toISOString(),
      bodies: bodies.map((b) => ({
        code: b.code,
        name: b.name,
        kind: b.kind,
        ...(b.escalatesTo ? { escalatesTo: b.escalatesTo } : {}),
        ...(b.graceDuration ? { graceDuration: b.graceDuration } : {}),
      })),
      users: users.map((u) => ({
        username: u.username,
        displayName: u.display_name,
        roles: u.roles,
        bodies: memberships.filter((m) => m.userId === u.id).map((m) => ({ code: m.code, role: m.role })),
      })),
    };
  }

  async import(file: unknown, dryRun: boolean): Promise<ImportPlan> {
    const { bodies, people } = await parse(file, this.config.uploadLimits);
    return this.db.transaction(async (em) => {
      await em.query('LOCK TABLE bodies IN SHARE ROW EXCLUSIVE MODE');
      const current = new Map<string, any>((await em.query(`SELECT code, name, kind, escalates_to, grace_duration FROM bodies`)).map((b: any) => [b.code, b]));
      const merged = new Map<string, BodyInput>(
        [...current.values()].map((b) => [b.code, { code: b.code, name: b.name, kind: b.kind, escalatesTo: b.escalates_to, graceDuration: b.grace_duration }]),
      );
      for (const b of bodies) merged.set(b.code, b);
      const chain = BodyService.chainProblems([...merged.values()]);
      if (chain.length) throw badInput('The organisation’s escalation chains do not hold', chain);

      const plan: ImportPlan = { dryRun, bodies: { added: [], changed: [], unchanged: 0 }, users: { added: [], changed: [], unchanged: 0 }, memberships: [] };
      for (const b of bodies) {
        const was = current.get(b.code);
        if (!was) {
          plan.bodies.added.push(b.code);
          continue;
        }
        const fields = diff(
          { name: was.name, kind: was.kind, escalatesTo: was.escalates_to, graceDuration: was.grace_duration },
          { name: b.name, kind: b.kind, escalatesTo: b.escalatesTo ?? null, graceDuration: b.graceDuration ?? null },
        );
        if (Object.keys(fields).length) plan.bodies.changed.push({ code: b.code, fields });
        else plan.bodies.unchanged += 1;
      }
      const knownCodes = new Set(merged.keys());
      const unknown = new ProblemCollector(this.config.uploadLimits.maxProblems, 'problems in the file');
      people.forEach((p, i) =>
        p.bodies.forEach((m) => !knownCodes.has(m.code) && unknown.add({ path: `users[${i}].bodies`, code: 'unknown-body', message: `no body ${m.code}` })),
      );
      if (unknown.length) throw badInput('People are members of bodies that do not exist', unknown.items);

      const users = new Map<string, any>(
        (await em.query(`SELECT id, username, display_name, roles FROM users WHERE username = ANY($1) FOR UPDATE`, [people.map((p) => p.username)])).map(
          (u: any) => [u.username, u],
        ),
      );
      const memberRows: Array<{ user_id: string; body_code: string; role: string }> = users.size
        ? await em.query(`SELECT user_id, body_code, role FROM body_members WHERE user_id = ANY($1)`, [[...users.values()].map((u) => u.id)])
        : [];
      // Looked up by user, never searched per person: a file of thousands of people stays linear.
      const membershipsOf = new Map<string, Map<string, string>>();
      for (const m of memberRows) {
        if (!membershipsOf.has(m.user_id)) membershipsOf.set(m.user_id, new Map());
        membershipsOf.get(m.user_id)!.set(m.body_code, m.role);
      }
      const breathe = yielder();
      for (const p of people) {
        await breathe();
        const was = users.get(p.username);
        if (!was) plan.users.added.push(p.username);
        else {
          const fields = diff({ displayName: was.display_name, roles: [...was.roles].sort() }, { displayName: p.displayName, roles: [...p.roles].sort() });
          if (Object.keys(fields).length) plan.users.changed.push({ username: p.username, fields });
          else plan.users.unchanged += 1;
        }
        const before = (was && membershipsOf.get(was.id)) || new Map<string, string>();
        const after = new Map(p.bodies.map((m) => [m.code, m.role ?? 'member']));
        for (const [code, role] of after) {
          const previous = before.get(code);
          if (previous === undefined) plan.memberships.push({ username: p.username, body: code, change: 'joined', role, previousRole: null });
          else if (previous !== role) plan.memberships.push({ username: p.username, body: code, change: 'role-changed', role, previousRole: previous });
        }
        for (const [code, role] of before)
          if (!after.has(code)) plan.memberships.push({ username: p.username, body: code, change: 'left', role: null, previousRole: role });
      }
      if (dryRun) return plan;

      const touchedCodes = new Set([...plan.bodies.added, ...plan.bodies.changed.map((c) => c.code)]);
      const changedUsers = new Set(plan.users.changed.map((c) => c.username));
      const touched = bodies.filter((b) => touchedCodes.has(b.code));
      if (touched.length) await this.bodies.upsertAll(em, touched);
      for (const p of people) {
        let id = users.get(p.username)?.id as string | undefined;
        if (!id) {
          id = randomUUID();
          await em.query(`INSERT INTO users (id, username, display_name, password_hash, roles) VALUES ($1,$2,$3,NULL,$4)`, [
            id,
            p.username,
            p.displayName,
            p.roles,
          ]);
        } else if (changedUsers.has(p.username)) {
          // New roles revoke the person's tokens, as an admin's edit does.
          await em.query(`UPDATE users SET display_name = $2, roles = $3, token_version = token_version + 1, updated_at = now() WHERE id = $1`, [
            id,
            p.displayName,
            p.roles,
          ]);
        }
        await this.bodies.setMemberships(em, id, p.bodies);
      }
      await appendAudit(em, [
        {
          action: 'organisation.imported',
          entityType: 'organisation',
          entityId: (file as { organisation?: string }).organisation ?? null,
          details: {
            bodiesAdded: plan.bodies.added,
            bodiesChanged: plan.bodies.changed.map((c) => c.code),
            usersAdded: plan.users.added,
            usersChanged: plan.users.changed.map((c) => c.username),
            membershipChanges: plan.memberships.length,
          },
        },
        ...plan.users.added.map((username) => ({ action: 'user.created', entityType: 'user', entityId: username, details: { source: 'organisation import' } })),
        ...plan.users.changed.map((c) => ({
          action: 'user.updated',
          entityType: 'user',
          entityId: c.username,
          before: pick(c.fields, 'from'),
          after: pick(c.fields, 'to'),
        })),
      ]);
      return plan;
    });
  }
}

function pick(fields: Record<string, { from: unknown; to: unknown }>, side: 'from' | 'to'): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[side]]));
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(normalise(before[key])) !== JSON.stringify(normalise(after[key]))) out[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return out;
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * Validates an organisation file at the edge, naming every problem by its path. The file's
 * bodies, people and memberships are counted first and refused past `maxRows`, and the
 * problems stop at `maxProblems`: a file is refused whole, never cut short and imported.
 */
async function parse(file: unknown, limits: UploadLimits): Promise<{ bodies: BodyInput[]; people: Person[] }> {
  const problems = new ProblemCollector(limits.maxProblems, 'problems in the file');
  const f = file as Partial<OrganisationFile> | null;
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw badInput('Send an organisation file: {organisation, name, bodies[], users[]}');
  const text = (v: unknown, max = 200) => typeof v === 'string' && v.length > 0 && v.length <= max;
  if (!Array.isArray(f.bodies)) problems.add({ path: 'bodies', code: 'required', message: 'an array of bodies' });
  const bodies = Array.isArray(f.bodies) ? f.bodies : [];
  const rawPeople = f.users ?? f.demoUsers ?? [];
  if (!Array.isArray(rawPeople)) problems.add({ path: 'users', code: 'invalid', message: 'an array of people' });
  const people = (Array.isArray(rawPeople) ? rawPeople : []) as Person[];
  const memberships = people.reduce((n, u) => n + (u && typeof u === 'object' && Array.isArray(u.bodies) ? u.bodies.length : 0), 0);
  for (const [path, count, counts] of [
    ['bodies', bodies.length, 'bodies in the file'],
    ['users', people.length, 'people in the file'],
    ['users', memberships, 'memberships in the file'],
  ] as const) {
    if (count > limits.maxRows) throw uploadRefused({ limit: 'rows', max: limits.maxRows, counts, path });
  }
  const breathe = yielder();
  const seen = new Set<string>();
  for (const [i, b] of bodies.entries()) {
    await breathe();
    const p = `bodies[${i}]`;
    if (!b || typeof b !== 'object') {
      problems.add({ path: p, code: 'invalid', message: 'a body object' });
      continue;
    }
    if (typeof b.code !== 'string' || !CODE.test(b.code)) problems.add({ path: `${p}.code`, code: 'invalid', message: 'lowercase letters, digits and -' });
    else if (seen.has(b.code)) problems.add({ path: `${p}.code`, code: 'duplicate', message: `${b.code} appears twice` });
    else seen.add(b.code);
    if (!b.name || !text(b.name.fi) || !text(b.name.en) || (b.name.sv !== undefined && !text(b.name.sv)))
      problems.add({ path: `${p}.name`, code: 'invalid', message: '{fi, sv?, en}' });
    if (!(BODY_KINDS as readonly string[]).includes(b.kind)) problems.add({ path: `${p}.kind`, code: 'invalid', message: `one of ${BODY_KINDS.join(', ')}` });
    if (b.escalatesTo != null && (typeof b.escalatesTo !== 'string' || !CODE.test(b.escalatesTo)))
      problems.add({ path: `${p}.escalatesTo`, code: 'invalid', message: 'a body code' });
    if (b.graceDuration != null && !text(b.graceDuration, 64)) problems.add({ path: `${p}.graceDuration`, code: 'invalid', message: 'an ISO 8601 duration' });
  }
  const names = new Set<string>();
  for (const [i, u] of people.entries()) {
    await breathe();
    const p = `users[${i}]`;
    if (!u || typeof u !== 'object') {
      problems.add({ path: p, code: 'invalid', message: 'a person object' });
      continue;
    }
    if (typeof u.username !== 'string' || !USERNAME.test(u.username) || u.username === 'admin')
      problems.add({ path: `${p}.username`, code: 'invalid', message: 'lowercase letters, digits, ., _, @ and -; not admin' });
    else if (names.has(u.username)) problems.add({ path: `${p}.username`, code: 'duplicate', message: `${u.username} appears twice` });
    else names.add(u.username);
    if (!text(u.displayName)) problems.add({ path: `${p}.displayName`, code: 'invalid', message: '1 to 200 characters' });
    if (!Array.isArray(u.roles) || u.roles.some((r) => !(ROLES as readonly string[]).includes(r)))
      problems.add({ path: `${p}.roles`, code: 'invalid', message: `any of ${ROLES.join(', ')}` });
    if (
      !Array.isArray(u.bodies) ||
      u.bodies.some((m) => !m || typeof m.code !== 'string' || (m.role !== undefined && !(MEMBER_ROLES as readonly string[]).includes(m.role)))
    ) {
      problems.add({ path: `${p}.bodies`, code: 'invalid', message: `[{code, role}] with role one of ${MEMBER_ROLES.join(', ')}` });
    }
  }
  if (problems.length) throw badInput('The organisation file does not fit', problems.items);
  return {
    bodies: bodies.map((b) => ({ code: b.code, name: b.name, kind: b.kind, escalatesTo: b.escalatesTo ?? null, graceDuration: b.graceDuration ?? null })),
    people: people.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      bodies: u.bodies.map((m) => ({ code: m.code, role: m.role ?? 'member' })),
    })),
  };
}
