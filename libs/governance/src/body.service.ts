import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { badInput, conflict, notFound } from '@kaari/common/errors.js';
import { BodyEntity, BodyMemberEntity, type LocalizedName } from '@kaari/persistence/entities.js';
import { parseIsoDuration } from '@kaari/common/iso-duration.js';
import type { Actor } from '@kaari/common/actor.js';
import { currentContext } from '@kaari/common/request-context.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';

export const BODY_KINDS = ['council', 'executive-board', 'board', 'committee', 'management-group', 'working-group', 'network', 'office-holder'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const MEMBER_ROLES = ['chair', 'vice-chair', 'secretary', 'member', 'substitute'] as const;
/** The roles that take part in a body's decisions: the secretary keeps the minutes but does not decide. */
export const DECIDING_ROLES: readonly string[] = ['chair', 'vice-chair', 'member'];

export interface BodyInput {
  code: string;
  name: LocalizedName;
  kind: BodyKind;
  escalatesTo?: string | null;
  graceDuration?: string | null;
}

export interface BodyView extends BodyInput {
  escalatesTo: string | null;
  graceDuration: string | null;
  members: Array<{ username: string; displayName: string; role: string }>;
  /** The bodies an overdue task passes through above this one, nearest first. */
  escalationChain: string[];
}

/** Steering bodies, their members and escalation chains. Owns `bodies` and `body_members`. */
@Injectable()
export class BodyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async codes(): Promise<Set<string>> {
    const rows = await this.db.getRepository(BodyEntity).find({ select: { code: true } });
    return new Set(rows.map((r) => r.code));
  }

  async list(): Promise<BodyView[]> {
    const bodies = await this.db.getRepository(BodyEntity).find({ order: { code: 'ASC' } });
    const members = await this.membersOf(bodies.map((b) => b.code));
    const byCode = new Map(bodies.map((b) => [b.code, b]));
    return bodies.map((b) => this.view(b, members.get(b.code) ?? [], byCode));
  }

  async get(code: string): Promise<BodyView> {
    const all = await this.db.getRepository(BodyEntity).find();
    const byCode = new Map(all.map((b) => [b.code, b]));
    const body = byCode.get(code);
    if (!body) throw notFound(`Body ${code}`);
    const members = await this.membersOf([code]);
    return this.view(body, members.get(code) ?? [], byCode);
  }

  /**
   * Whether `person` takes part in the decisions of one of `bodies`: they hold a deciding role
   * there, or deputise now, for that body, for someone who does. A disabled user decides nothing.
   */
  async decidesIn(em: EntityManager, person: Pick<Actor, 'username' | 'deputyFor'>, bodies: string[]): Promise<boolean> {
    const deputised = (person.deputyFor ?? []).map((d) => d.username);
    const rows: Array<{ body_code: string; username: string }> = await em.query(
      `SELECT m.body_code, u.username FROM body_members m JOIN users u ON u.id = m.user_id
       WHERE m.body_code = ANY($1) AND m.role = ANY($2) AND u.username = ANY($3) AND NOT u.disabled`,
      [bodies, DECIDING_ROLES, [person.username, ...deputised]],
    );
    return rows.some(
      (r) => r.username === person.username || (person.deputyFor ?? []).some((d) => d.username === r.username && d.bodies.includes(r.body_code)),
    );
  }

  /** The bodies a user sits in, with the role in each. */
  async membershipsOf(userId: string): Promise<Array<{ code: string; role: string }>> {
    const rows = await this.db.getRepository(BodyMemberEntity).find({ where: { userId }, order: { bodyCode: 'ASC' } });
    return rows.map((r) => ({ code: r.bodyCode, role: r.role }));
  }

  async create(input: BodyInput): Promise<BodyView> {
    await this.db.transaction(async (em) => {
      await em.query('LOCK TABLE bodies IN SHARE ROW EXCLUSIVE MODE');
      if (await em.findOneBy(BodyEntity, { code: input.code })) throw conflict(`Body ${input.code} already exists`, 'body-exists', { body: input.code });
      await this.checkEscalation(em, input);
      await em.insert(BodyEntity, this.row(input));
      await appendAudit(em, [{ action: 'body.created', entityType: 'body', entityId: input.code, after: this.row(input) }]);
    });
    return this.get(input.code);
  }

  async update(code: string, input: BodyInput): Promise<BodyView> {
    if (input.code !== code) throw badInput('The code in the body must match the code in the path');
    await this.db.transaction(async (em) => {
      await em.query('LOCK TABLE bodies IN SHARE ROW EXCLUSIVE MODE');
      const before = await em.findOneBy(BodyEntity, { code });
      if (!before) throw notFound(`Body ${code}`);
      await this.checkEscalation(em, input);
      await em.update(BodyEntity, { code }, this.row(input));
      const { createdAt: _c, updatedAt: _u, ...was } = before;
      await appendAudit(em, [{ action: 'body.updated', entityType: 'body', entityId: code, before: was, after: this.row(input) }]);
    });
    return this.get(code);
  }

  /** Inserts the bodies of a seed that are not there yet; an admin's edits are never overwritten. */
  async seed(inputs: BodyInput[]): Promise<number> {
    return this.db.transaction(async (em) => {
      await em.query('LOCK TABLE bodies IN SHARE ROW EXCLUSIVE MODE');
      const existing = new Set((await em.find(BodyEntity)).map((b) => b.code));
      const fresh = inputs.filter((b) => !existing.has(b.code));
      // Insert without escalation first, so bodies may point at each other in any order.
      for (const b of fresh) await em.insert(BodyEntity, { ...this.row(b), escalatesTo: null });
      for (const b of fresh) {
        await this.checkEscalation(em, b);
        await em.update(BodyEntity, { code: b.code }, { escalatesTo: b.escalatesTo ?? null });
      }
      return fresh.length;
    });
  }

  /**
   * Adds and changes bodies in the caller's transaction (an organisation import): inserted
   * without escalation first so they may point at each other in any order, then every
   * chain is checked. Returns nothing; the caller has computed and audits the plan.
   */
  async upsertAll(em: EntityManager, inputs: BodyInput[]): Promise<void> {
    await em.query('LOCK TABLE bodies IN SHARE ROW EXCLUSIVE MODE');
    const existing = new Set((await em.find(BodyEntity)).map((b) => b.code));
    for (const b of inputs) {
      if (existing.has(b.code)) await em.update(BodyEntity, { code: b.code }, { ...this.row(b), escalatesTo: null });
      else await em.insert(BodyEntity, { ...this.row(b), escalatesTo: null });
    }
    for (const b of inputs) {
      await this.checkEscalation(em, b);
      await em.update(BodyEntity, { code: b.code }, { escalatesTo: b.escalatesTo ?? null });
    }
    await appendAudit(
      em,
      inputs.map((b) => ({ action: existing.has(b.code) ? 'body.updated' : 'body.created', entityType: 'body', entityId: b.code, after: this.row(b) })),
    );
  }

  /** Every membership, for an organisation export. */
  async allMemberships(): Promise<Array<{ userId: string; code: string; role: string }>> {
    const rows = await this.db.getRepository(BodyMemberEntity).find({ order: { bodyCode: 'ASC' } });
    return rows.map((r) => ({ userId: r.userId, code: r.bodyCode, role: r.role }));
  }

  /** The escalation problems of a whole set of bodies: unknown targets, cycles, grace periods that do not parse. */
  static chainProblems(bodies: BodyInput[]): Array<{ path: string; code: string; message: string }> {
    const next = new Map(bodies.map((b) => [b.code, b.escalatesTo ?? null]));
    const problems: Array<{ path: string; code: string; message: string }> = [];
    bodies.forEach((b, i) => {
      if (b.graceDuration && !parseIsoDuration(b.graceDuration))
        problems.push({ path: `bodies[${i}].graceDuration`, code: 'invalid-duration', message: `${b.graceDuration} is not an ISO 8601 duration` });
      if (b.escalatesTo && !next.has(b.escalatesTo))
        problems.push({ path: `bodies[${i}].escalatesTo`, code: 'unknown-body', message: `no body ${b.escalatesTo}` });
      const seen = new Set([b.code]);
      for (let at = b.escalatesTo ?? null; at; at = next.get(at) ?? null) {
        if (seen.has(at)) {
          problems.push({ path: `bodies[${i}].escalatesTo`, code: 'escalation-cycle', message: `escalation from ${b.code} loops through ${at}` });
          break;
        }
        seen.add(at);
      }
    });
    return problems;
  }

  async setMemberships(em: EntityManager, userId: string, memberships: Array<{ code: string; role?: string }>, by?: Actor | null): Promise<void> {
    const codes = memberships.map((m) => m.code);
    if (codes.length) {
      const found = await em.findBy(BodyEntity, { code: In(codes) });
      const missing = codes.filter((c) => !found.some((f) => f.code === c));
      if (missing.length)
        throw badInput(
          `Unknown body: ${missing.join(', ')}`,
          missing.map((c) => ({ path: 'bodies', code: 'unknown-body', message: `no body ${c}` })),
        );
    }
    const before = new Map((await em.findBy(BodyMemberEntity, { userId })).map((m) => [m.bodyCode, m.role]));
    const after = new Map(memberships.map((m) => [m.code, m.role ?? 'member']));
    await em.delete(BodyMemberEntity, { userId });
    for (const [code, role] of after) await em.insert(BodyMemberEntity, { bodyCode: code, userId, role });
    await this.recordMembershipChanges(em, userId, before, after, by);
  }

  /** Membership changes are history: who joined or left which body in which role, and by whose change. */
  private async recordMembershipChanges(
    em: EntityManager,
    userId: string,
    before: Map<string, string>,
    after: Map<string, string>,
    by?: Actor | null,
  ): Promise<void> {
    const changes: Array<{ code: string; change: string; role: string | null; previousRole: string | null }> = [];
    for (const [code, role] of after) {
      const previous = before.get(code);
      if (previous === undefined) changes.push({ code, change: 'joined', role, previousRole: null });
      else if (previous !== role) changes.push({ code, change: 'role-changed', role, previousRole: previous });
    }
    for (const [code, role] of before) if (!after.has(code)) changes.push({ code, change: 'left', role: null, previousRole: role });
    if (!changes.length) return;
    const actor = by ?? currentContext()?.actor ?? null;
    const [{ username }] = await em.query(`SELECT username FROM users WHERE id = $1`, [userId]);
    for (const c of changes) {
      await em.query(
        `INSERT INTO body_membership_history (body_code, user_id, username, change, role, previous_role, changed_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [c.code, userId, username, c.change, c.role, c.previousRole, actor?.username ?? 'system'],
      );
    }
    await appendAudit(
      em,
      changes.map((c) => ({
        action: `membership.${c.change}`,
        entityType: 'body',
        entityId: c.code,
        before: c.previousRole ? { username, role: c.previousRole } : null,
        after: c.role ? { username, role: c.role } : null,
      })),
      actor,
    );
  }

  /** The membership history of a body, newest first. */
  async membershipHistory(
    code: string,
  ): Promise<Array<{ username: string; change: string; role: string | null; previousRole: string | null; changedBy: string | null; at: string }>> {
    if (!(await this.db.getRepository(BodyEntity).existsBy({ code }))) throw notFound(`Body ${code}`);
    const rows = await this.db.query(
      `SELECT username, change, role, previous_role, changed_by, at FROM body_membership_history WHERE body_code = $1 ORDER BY id DESC LIMIT 1000`,
      [code],
    );
    return rows.map((r: any) => ({
      username: r.username,
      change: r.change,
      role: r.role,
      previousRole: r.previous_role,
      changedBy: r.changed_by,
      at: r.at.toISOString(),
    }));
  }

  private row(input: BodyInput): Partial<BodyEntity> {
    return {
      code: input.code,
      name: input.name,
      kind: input.kind,
      escalatesTo: input.escalatesTo ?? null,
      graceDuration: input.graceDuration ?? null,
    };
  }

  private async checkEscalation(em: EntityManager, input: BodyInput): Promise<void> {
    if (input.graceDuration && !parseIsoDuration(input.graceDuration)) {
      throw badInput(`graceDuration "${input.graceDuration}" is not an ISO 8601 duration such as P5D`, [
        { path: 'graceDuration', code: 'invalid-duration', message: 'not an ISO 8601 duration' },
      ]);
    }
    if (!input.escalatesTo) return;
    const all = await em.find(BodyEntity);
    const next = new Map(all.map((b) => [b.code, b.escalatesTo]));
    next.set(input.code, input.escalatesTo);
    if (!next.has(input.escalatesTo)) {
      throw badInput(`escalatesTo names no body: ${input.escalatesTo}`, [
        { path: 'escalatesTo', code: 'unknown-body', message: `no body ${input.escalatesTo}` },
      ]);
    }
    const seen = new Set<string>([input.code]);
    for (let at: string | null | undefined = input.escalatesTo; at; at = next.get(at)) {
      if (seen.has(at)) {
        throw badInput(`Escalation from ${input.code} to ${input.escalatesTo} would loop through ${at}`, [
          { path: 'escalatesTo', code: 'escalation-cycle', message: `cycle through ${at}` },
        ]);
      }
      seen.add(at);
    }
  }

  private async membersOf(codes: string[]): Promise<Map<string, BodyView['members']>> {
    const out = new Map<string, BodyView['members']>();
    if (!codes.length) return out;
    const rows: Array<{ body_code: string; username: string; display_name: string; role: string }> = await this.db.query(
      `SELECT m.body_code, u.username, u.display_name, m.role FROM body_members m JOIN users u ON u.id = m.user_id
       WHERE m.body_code = ANY($1) AND NOT u.disabled ORDER BY m.body_code,
       array_position(ARRAY['chair','vice-chair','secretary','member'], m.role), u.display_name`,
      [codes],
    );
    for (const r of rows) {
      const list = out.get(r.body_code) ?? [];
      list.push({ username: r.username, displayName: r.display_name, role: r.role });
      out.set(r.body_code, list);
    }
    return out;
  }

  private view(b: BodyEntity, members: BodyView['members'], byCode: Map<string, BodyEntity>): BodyView {
    const chain: string[] = [];
    for (let at = b.escalatesTo; at && !chain.includes(at) && at !== b.code; at = byCode.get(at)?.escalatesTo ?? null) chain.push(at);
    return {
      code: b.code,
      name: b.name,
      kind: b.kind as BodyKind,
      escalatesTo: b.escalatesTo,
      graceDuration: b.graceDuration,
      members,
      escalationChain: chain,
    };
  }
}
