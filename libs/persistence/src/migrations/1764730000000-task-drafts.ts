import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Drafts (issue 15): a half-filled form, kept per task and user until the task completes. */
export class TaskDrafts1764730000000 implements MigrationInterface {
  name = 'TaskDrafts1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "task_drafts" ("task_id" uuid NOT NULL, "username" text NOT NULL, "data" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_task_drafts" PRIMARY KEY ("task_id", "username"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "task_drafts"`);
  }
}
