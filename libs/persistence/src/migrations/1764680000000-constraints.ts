import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The state and kind columns hold only the values the code writes; timer kinds are registered at run time, so only never empty. */
const CHECKS: ReadonlyArray<{ table: string; name: string; column: string; expression: string }> = [
  { table: 'instances', name: 'instances_state_check', column: 'state', expression: `"state" IN ('running', 'completed', 'cancelled', 'failed')` },
  { table: 'tasks', name: 'tasks_state_check', column: 'state', expression: `"state" IN ('open', 'completed', 'cancelled')` },
  { table: 'tasks', name: 'tasks_kind_check', column: 'kind', expression: `"kind" IN ('user', 'system')` },
  { table: 'timers', name: 'timers_state_check', column: 'state', expression: `"state" IN ('pending', 'fired', 'cancelled')` },
  { table: 'timers', name: 'timers_kind_check', column: 'kind', expression: `"kind" <> ''` },
  {
    table: 'decisions',
    name: 'decisions_status_check',
    column: 'status',
    expression: `"status" IN ('appeal-period', 'final', 'under-review', 'reviewed', 'no-appeal')`,
  },
  {
    table: 'decisions',
    name: 'decisions_outcome_check',
    column: 'outcome',
    expression: `"outcome" IN ('approved', 'amended', 'tabled', 'returned', 'rejected')`,
  },
  { table: 'notifications', name: 'notifications_kind_check', column: 'kind', expression: `"kind" IN ('reminder', 'overdue', 'escalation', 'assignment')` },
  {
    table: 'bodies',
    name: 'bodies_kind_check',
    column: 'kind',
    expression: `"kind" IN ('council', 'executive-board', 'board', 'committee', 'management-group', 'working-group', 'network', 'office-holder')`,
  },
  { table: 'body_members', name: 'body_members_role_check', column: 'role', expression: `"role" IN ('chair', 'vice-chair', 'secretary', 'member')` },
  {
    table: 'body_membership_history',
    name: 'body_membership_history_change_check',
    column: 'change',
    expression: `"change" IN ('joined', 'left', 'role-changed')`,
  },
];

/** Rows of an instance point at it. Each is written in the step's transaction, which holds the instance's row lock already. */
const FOREIGN_KEYS: ReadonlyArray<{ table: string; name: string; column: string }> = [
  { table: 'tasks', name: 'tasks_instance_id_fkey', column: 'instance_id' },
  { table: 'history', name: 'history_instance_id_fkey', column: 'instance_id' },
  { table: 'timers', name: 'timers_instance_id_fkey', column: 'instance_id' },
];

/**
 * CHECK constraints on the state and kind columns, and foreign keys from an instance's tasks,
 * history and timers to the instance (docs/architecture.md, "Schema", says which and why).
 * Rows that break them are not guessed at: the migration stops and names what it found, for an
 * operator to mend before migrating again.
 */
export class Constraints1764680000000 implements MigrationInterface {
  name = 'Constraints1764680000000';

  async up(q: QueryRunner): Promise<void> {
    const found: string[] = [];
    for (const c of CHECKS) {
      const rows: Array<{ value: string | null }> = await q.query(
        `SELECT DISTINCT "${c.column}" AS value FROM "${c.table}" WHERE NOT (${c.expression}) LIMIT 10`,
      );
      if (rows.length) found.push(`${c.table}.${c.column} holds ${rows.map((r) => JSON.stringify(r.value)).join(', ')}`);
    }
    for (const fk of FOREIGN_KEYS) {
      const [{ orphans }]: Array<{ orphans: number }> = await q.query(
        `SELECT count(*)::int AS orphans FROM "${fk.table}" t WHERE NOT EXISTS (SELECT 1 FROM "instances" i WHERE i."id" = t."${fk.column}")`,
      );
      if (orphans) found.push(`${orphans} rows of ${fk.table} name an instance that does not exist`);
    }
    if (found.length) throw new Error(`The schema's constraints cannot be added: ${found.join('; ')}. Mend or delete those rows and migrate again.`);
    for (const c of CHECKS) await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "${c.name}" CHECK (${c.expression})`);
    for (const fk of FOREIGN_KEYS)
      await q.query(`ALTER TABLE "${fk.table}" ADD CONSTRAINT "${fk.name}" FOREIGN KEY ("${fk.column}") REFERENCES "instances"("id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fk of [...FOREIGN_KEYS].reverse()) await q.query(`ALTER TABLE "${fk.table}" DROP CONSTRAINT "${fk.name}"`);
    for (const c of [...CHECKS].reverse()) await q.query(`ALTER TABLE "${c.table}" DROP CONSTRAINT "${c.name}"`);
  }
}
