import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks say what kind of wait they are: `user` (a user task, work for its bodies) or `system`
 * (a manual task such as an appeal period, which only the system ends). Every user task has a
 * candidate body, so the waits created without one are the system's; one that was handed to a
 * body or person before this change is given back to the system.
 */
export class SystemWaits1764610000000 implements MigrationInterface {
  name = 'SystemWaits1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" ADD "kind" text NOT NULL DEFAULT 'user'`);
    await q.query(`UPDATE "tasks" SET "kind" = 'system' WHERE cardinality("candidate_bodies") = 0`);
    await q.query(
      `UPDATE "tasks" t SET "kind" = 'system' FROM "history" h
       WHERE h."task_id" = t."id" AND h."type" = 'task.created' AND h."details" -> 'candidateBodies' = '[]'::jsonb AND t."kind" = 'user'`,
    );
    await q.query(`UPDATE "tasks" SET "candidate_bodies" = '{}', "deadline_body" = NULL, "assignee" = NULL WHERE "kind" = 'system' AND "state" = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "kind"`);
  }
}
