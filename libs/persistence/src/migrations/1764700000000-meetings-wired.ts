import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings wired into the process (issue 14): a task may be a matter its body decides at a
 * meeting (`tasks.kind = 'meeting'`); a decision made at a meeting waits for its minutes to be
 * published, names its agenda item and may be enforced immediately; municipal appeals to the
 * administrative court and their rulings; ballots of the electronic procedure; invitations as
 * notifications; substitutes as members of a body.
 */
export class MeetingsWired1764700000000 implements MigrationInterface {
  name = 'MeetingsWired1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await this.check(q, 'tasks', 'tasks_kind_check', `"kind" IN ('user', 'system', 'meeting')`);
    await this.check(q, 'notifications', 'notifications_kind_check', `"kind" IN ('reminder', 'overdue', 'escalation', 'assignment', 'invitation')`);
    await this.check(q, 'body_members', 'body_members_role_check', `"role" IN ('chair', 'vice-chair', 'secretary', 'member', 'substitute')`);
    await this.check(
      q,
      'decisions',
      'decisions_status_check',
      `"status" IN ('awaiting-publication', 'appeal-period', 'final', 'under-review', 'reviewed', 'no-appeal', 'under-appeal', 'overturned')`,
    );
    await q.query(`ALTER TABLE "decisions" ADD "meeting_item_id" uuid`);
    await q.query(`ALTER TABLE "decisions" ADD "immediate_enforcement" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "meeting_items" ADD "review_of" uuid`);
    await q.query(
      `CREATE TABLE "court_appeals" ("id" uuid NOT NULL, "decision_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "appellant" text NOT NULL, "court" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ruling" text, "ruled_on" date, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "court_appeals_ruling_check" CHECK ("ruling" IS NULL OR "ruling" IN ('upheld', 'overturned', 'returned')), CONSTRAINT "PK_court_appeals" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_b42da9d4ff9df2eeaf6d5d0e25" ON "court_appeals" ("decision_id")`);
    await q.query(
      `CREATE TABLE "electronic_ballots" ("item_id" uuid NOT NULL, "person_id" uuid NOT NULL, "ballot" text NOT NULL, "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_electronic_ballots" PRIMARY KEY ("item_id", "person_id"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "electronic_ballots"`);
    await q.query(`DROP TABLE "court_appeals"`);
    await q.query(`ALTER TABLE "meeting_items" DROP COLUMN "review_of"`);
    await q.query(`ALTER TABLE "decisions" DROP COLUMN "immediate_enforcement"`);
    await q.query(`ALTER TABLE "decisions" DROP COLUMN "meeting_item_id"`);
    await this.check(q, 'decisions', 'decisions_status_check', `"status" IN ('appeal-period', 'final', 'under-review', 'reviewed', 'no-appeal')`);
    await this.check(q, 'body_members', 'body_members_role_check', `"role" IN ('chair', 'vice-chair', 'secretary', 'member')`);
    await this.check(q, 'notifications', 'notifications_kind_check', `"kind" IN ('reminder', 'overdue', 'escalation', 'assignment')`);
    await this.check(q, 'tasks', 'tasks_kind_check', `"kind" IN ('user', 'system')`);
  }

  private async check(q: QueryRunner, table: string, name: string, expression: string): Promise<void> {
    await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${expression})`);
  }
}
