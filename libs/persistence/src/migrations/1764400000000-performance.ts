import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance (bench/, README "Performance"): open tasks in exactly the order every task list
 * shows them, so a list stops after its page even when a body has a hundred thousand open
 * tasks with the same deadline, instead of sorting them all.
 */
export class Performance1764400000000 implements MigrationInterface {
  name = 'Performance1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "tasks_open_order" ON "tasks" ("due_at", "created_at", "id") WHERE state = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tasks_open_order"`);
  }
}
