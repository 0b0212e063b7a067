import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isAdmin, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { badInput, notFound } from '@kaari/common/errors.js';
import { appendAudit } from '@kaari/persistence/audit-writer.js';

export interface DeputyInput {
  deputy: string;
  from: string;
  until: string;
  bodies?: string[];
}

export interface DeputyView {
  id: string;
  member: string;
  deputy: string;
  from: string;
  until: string;
  bodies: string[] | null;
  createdBy: string;
  active: boolean;
}

/**
 * Deputies: a member away for a period names someone who, during it, sees and acts on
 * the tasks of the member's bodies (all of them, or those named). The guard widens the
 * deputy's bodies through `bodiesActedFor`, so task visibility stays in one place. Owns `deputies`.
 */
@Injectable()
export class DeputyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The bodies a user acts for, in one round trip (every request asks): their own, and whom
   * they deputise for right now with which of that member's current bodies.
   */
  async bodiesActedFor(userId: string): Promise<{ own: string[]; deputyFor: Array<{ username: string; bodies: string[] }> }> {
    const [row] = await this.db.query(
      `SELECT ARRAY(SELECT body_code FROM body_members WHERE user_id = $1 ORDER BY body_code) AS own,
         COALESCE((SELECT json_agg(json_build_object('username', x.username, 'bodies', x.bodies) ORDER BY x.username) FROM (
           SELECT u.username, array_agg(DISTINCT m.body_code ORDER BY m.body_code) AS bodies
           FROM deputies d JOIN users u ON u.id = d.user_id AND NOT u.disabled JOIN body_members m ON m.user_id = d.user_id
           WHERE d.deputy_id = $1 AND d.starts_at <= $2 AND d.ends_at > $2 AND (d.bodies IS NULL OR m.body_code = ANY(d.bodies))
           GROUP BY u.username) x), '[]'::json) AS deputy_for`,
      [userId, this.clock.now()],
    );
    return { own: row.own, deputyFor: row.deputy_for };
  }

  async name(actor: Actor, member: string, input: DeputyInput): Promise<DeputyView> {
    if (!isAdmin(actor) && actor.username !== member) throw notFound(`User ${member}`);
    const from = new Date(input.from);
    const until = new Date(input.until);
    if (Number.isNaN(from.getTime()) || Number.isNaN(until.getTime()) || until <= from) {
      throw badInput('from and until are ISO date-times with until after from', [
        { path: 'until', code: 'invalid-period', message: 'until must be after from' },
      ]);
    }
    if (input.deputy === member) throw badInput('A member cannot deputise for themselves', [{ path: 'deputy', code: 'self', message: 'choose someone else' }]);
    const id = randomUUID();
    await this.db.transaction(async (em) => {
      const users: Array<{ id: string; username: string }> = await em.query(`SELECT id, username FROM users WHERE username = ANY($1) AND NOT disabled`, [
        [member, input.deputy],
      ]);
      const memberRow = users.find((u) => u.username === member);
      const deputyRow = users.find((u) => u.username === input.deputy);
      if (!memberRow) throw notFound(`User ${member}`);
      if (!deputyRow) throw badInput(`No active user ${input.deputy}`, [{ path: 'deputy', code: 'unknown-user', message: `no user ${input.deputy}` }]);
      const own: string[] = (await em.query(`SELECT body_code FROM body_members WHERE user_id = $1`, [memberRow.id])).map(
        (r: { body_code: string }) => r.body_code,
      );
      const foreign = (input.bodies ?? []).filter((b) => !own.includes(b));
      if (foreign.length)
        throw badInput(
          `${member} is not a member of ${foreign.join(', ')}`,
          foreign.map((b) => ({ path: 'bodies', code: 'not-a-member', message: b })),
        );
      if (!own.length) throw badInput(`${member} belongs to no body, so has nothing to hand to a deputy`);
      await em.query(`INSERT INTO deputies (id, user_id, deputy_id, starts_at, ends_at, bodies, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [
        id,
        memberRow.id,
        deputyRow.id,
        from,
        until,
        input.bodies?.length ? input.bodies : null,
        actor.username,
      ]);
      await appendAudit(
        em,
        [
          {
            action: 'deputy.named',
            entityType: 'user',
            entityId: member,
            after: { deputy: input.deputy, from: from.toISOString(), until: until.toISOString(), bodies: input.bodies ?? null },
          },
        ],
        actor,
      );
    });
    return (await this.list(actor, member)).find((d) => d.id === id)!;
  }

  async list(actor: Actor, member: string): Promise<DeputyView[]> {
    if (!isAdmin(actor) && actor.username !== member) throw notFound(`User ${member}`);
    const now = this.clock.now();
    const rows = await this.db.query(
      `SELECT d.id, m.username AS member, u.username AS deputy, d.starts_at, d.ends_at, d.bodies, d.created_by FROM deputies d
       JOIN users m ON m.id = d.user_id JOIN users u ON u.id = d.deputy_id WHERE m.username = $1 ORDER BY d.starts_at DESC`,
      [member],
    );
    return rows.map((r: any) => ({
      id: r.id,
      member: r.member,
      deputy: r.deputy,
      from: r.starts_at.toISOString(),
      until: r.ends_at.toISOString(),
      bodies: r.bodies,
      createdBy: r.created_by,
      active: r.starts_at <= now && r.ends_at > now,
    }));
  }

  /** Ends a deputyship now (or removes one that has not begun). */
  async end(actor: Actor, member: string, id: string): Promise<void> {
    if (!isAdmin(actor) && actor.username !== member) throw notFound(`User ${member}`);
    await this.db.transaction(async (em) => {
      const now = this.clock.now();
      const [updated] = await em.query(
        `UPDATE deputies d SET ends_at = LEAST(d.ends_at, GREATEST(d.starts_at, $3)) FROM users m
         WHERE d.id::text = $1 AND m.id = d.user_id AND m.username = $2 RETURNING d.id`,
        [id, member, now],
      );
      if (!updated.length) throw notFound(`Deputyship ${id}`);
      await appendAudit(em, [{ action: 'deputy.ended', entityType: 'user', entityId: member, details: { deputyshipId: id } }], actor);
    });
  }
}
