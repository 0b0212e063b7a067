import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task lists show only members' work (`kind = 'user'`): system waits and matters for meetings are
 * in no list. The list-order index carries the same condition, and the escalation level the
 * overdue filter reads (an escalated task stays overdue), so the capped count of a list (a
 * director's overdue tasks) is an index-only scan again instead of a heap scan: 36 ms → 0.2 ms
 * over a million tasks (bench/inbox).
 */
export class TaskListIndex1764720000000 implements MigrationInterface {
  name = 'TaskListIndex1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tasks_open_order"`);
    await q.query(
      `CREATE INDEX "tasks_open_order" ON "tasks" ("due_at", "created_at", "id") INCLUDE ("escalation_level") WHERE state = 'open' AND kind = 'user'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tasks_open_order"`);
    await q.query(`CREATE INDEX "tasks_open_order" ON "tasks" ("due_at", "created_at", "id") WHERE state = 'open'`);
  }
}
