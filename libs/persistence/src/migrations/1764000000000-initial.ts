import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text, "roles" text array NOT NULL DEFAULT '{}', "disabled" boolean NOT NULL DEFAULT false, "token_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users"  ("username")`);
    await q.query(
      `CREATE TABLE "bodies" ("code" text NOT NULL, "name" jsonb NOT NULL, "kind" text NOT NULL, "escalates_to" text, "grace_duration" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd85ca8d0af741c2edab3d8746b" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "body_members" ("body_code" text NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'member', CONSTRAINT "PK_524c22fbb26e08ff814371e62bd" PRIMARY KEY ("body_code", "user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_c91ef819ee31aca487a8650a04" ON "body_members"  ("user_id")`);
    await q.query(`CREATE TABLE "settings" ("key" text NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_c8639b7626fa94ba8265628f214" PRIMARY KEY ("key"))`);
    await q.query(
      `CREATE TABLE "definitions" ("id" uuid NOT NULL, "key" text NOT NULL, "version" integer NOT NULL, "name" text, "xml" text NOT NULL, "checksum" text NOT NULL, "source_context" text NOT NULL, "summary" jsonb NOT NULL, "deployed_by" text, "deployed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7150abc574293b2a1063b0ed7bb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_963b3f753f7f968d628a537d39" ON "definitions"  ("key", "version")`);
    await q.query(
      `CREATE TABLE "instances" ("id" uuid NOT NULL, "definition_id" uuid NOT NULL, "definition_key" text NOT NULL, "definition_version" integer NOT NULL, "business_key" text, "state" text NOT NULL, "engine_state" jsonb, "variables" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '0', "engine_version" text NOT NULL, "started_by" text NOT NULL, "idempotency_key" text, "incident" jsonb, "end_reason" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_11862209053330b4765f7f54178" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_76ad8007988442724a8c6a4480" ON "instances"  ("definition_key")`);
    await q.query(`CREATE INDEX "IDX_84ff7e0e9b8ca4e5d243715b59" ON "instances"  ("state")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_59efa552a04aadba6ec477eed6" ON "instances"  ("started_by", "idempotency_key") WHERE idempotency_key IS NOT NULL`);
    await q.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "execution_id" text NOT NULL, "activity_id" text NOT NULL, "name" text, "candidate_bodies" text array NOT NULL, "form_key" text, "state" text NOT NULL, "assignee" text, "due_at" TIMESTAMP WITH TIME ZONE, "due_date_expression" text, "data" jsonb, "completed_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_92933617e296a8123bd49d9927" ON "tasks"  ("state", "due_at")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_9a9d01966000990c0ceba7ce6d" ON "tasks"  ("instance_id", "execution_id")`);
    await q.query(
      `CREATE TABLE "history" ("id" BIGSERIAL NOT NULL, "instance_id" uuid NOT NULL, "type" text NOT NULL, "activity_id" text, "task_id" uuid, "actor" text, "details" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9384942edf4804b38ca0ee51416" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_dafa83368f6d4112d893056461" ON "history"  ("instance_id", "id")`);
    await q.query(`CREATE INDEX "tasks_candidate_bodies_gin" ON "tasks" USING gin ("candidate_bodies") WHERE state = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "history"`);
    await q.query(`DROP TABLE "tasks"`);
    await q.query(`DROP TABLE "instances"`);
    await q.query(`DROP TABLE "definitions"`);
    await q.query(`DROP TABLE "settings"`);
    await q.query(`DROP TABLE "body_members"`);
    await q.query(`DROP TABLE "bodies"`);
    await q.query(`DROP TABLE "users"`);
  }
}
