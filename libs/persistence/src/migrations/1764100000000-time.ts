import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Time: durable timers, the outbox the relay moves into BullMQ, notifications, and task escalation state. */
export class Time1764100000000 implements MigrationInterface {
  name = 'Time1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "timers" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "kind" text NOT NULL, "key" text NOT NULL, "task_id" uuid, "activity_id" text, "owner_execution_id" text, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL, "payload" jsonb, "fired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d13ea0d2fe75274ca5a9576aae6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_42de5e7250d9bb0d0ad586f7b9" ON "timers"  ("state", "due_at")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_2a7d9af69a1885eac79a893dc5" ON "timers"  ("instance_id", "kind", "key")`);
    await q.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "instance_id" uuid, "task_id" uuid, "message" jsonb NOT NULL, "details" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "emailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications"  ("user_id", "created_at")`);
    await q.query(`ALTER TABLE "users" ADD "email" text`);
    await q.query(`ALTER TABLE "tasks" ADD "escalation_level" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "tasks" ADD "deadline_body" text`);
    await q.query(`ALTER TABLE "tasks" ADD "overdue_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "overdue_at"`);
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "deadline_body"`);
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "escalation_level"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP TABLE "timers"`);
  }
}
