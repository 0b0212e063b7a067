import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Governance content: number series, cases, the service inventory, form documents, decision records and requests for review. */
export class Governance1764200000000 implements MigrationInterface {
  name = 'Governance1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "number_series" ("series" text NOT NULL, "year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_35136cf2d5c4c2c4c0f54ee17f2" PRIMARY KEY ("series", "year"))`,
    );
    await q.query(
      `CREATE TABLE "cases" ("instance_id" uuid NOT NULL, "diary_number" text NOT NULL, "diary_year" integer NOT NULL, "diary_sequence" integer NOT NULL, "classification" text NOT NULL, "title" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cab87d16739cc40e3721b4fc17" PRIMARY KEY ("instance_id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_cc70f95adabf3d40346a861281" ON "cases"  ("diary_number")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_5e77e6cf24a9849f6bb69303c3" ON "cases"  ("diary_year", "diary_sequence")`);
    await q.query(
      `CREATE TABLE "service_rows" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "position" integer NOT NULL, "service" text NOT NULL, "provider_type" text NOT NULL, "provider_name" text NOT NULL, "sector" text NOT NULL, "age_groups" text array NOT NULL, "targeting" text NOT NULL, "euros" numeric(14,2) NOT NULL, "person_years" numeric(10,2), "users" jsonb, "notes" text, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ca8b5a124360f2dfc88c7b01d9f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_ec4014a440bd3b878e8d55b5a1" ON "service_rows"  ("instance_id", "position")`);
    await q.query(
      `CREATE TABLE "form_submissions" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "task_id" uuid, "form_key" text NOT NULL, "data" jsonb NOT NULL, "submitted_by" text NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fb6e1e9f26cda31c358a8a1530e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_1b0c41e01e68630826145f2d98" ON "form_submissions"  ("instance_id", "form_key", "submitted_at")`);
    await q.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL, "instance_id" uuid NOT NULL, "task_id" uuid, "body_code" text NOT NULL, "year" integer NOT NULL, "section" integer NOT NULL, "meeting_date" date NOT NULL, "outcome" text NOT NULL, "decision_text" text NOT NULL, "child_impact_summary" text, "diary_number" text NOT NULL, "classification" text NOT NULL, "status" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "informed_at" TIMESTAMP WITH TIME ZONE, "appeal_ends_at" TIMESTAMP WITH TIME ZONE, "final_at" TIMESTAMP WITH TIME ZONE, "review_of" uuid, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_b1133d53fad50875789df4e467" ON "decisions"  ("instance_id")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_354a0b3e8f6a65df702cfd970c" ON "decisions"  ("body_code", "year", "section")`);
    await q.query(
      `CREATE TABLE "review_requests" ("id" uuid NOT NULL, "decision_id" uuid NOT NULL, "instance_id" uuid NOT NULL, "requester" text NOT NULL, "grounds" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01e5bec2adcef1cf498e861f75a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_4e3c39ce85378788e09dc86e1b" ON "review_requests"  ("decision_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "review_requests"`);
    await q.query(`DROP TABLE "decisions"`);
    await q.query(`DROP TABLE "form_submissions"`);
    await q.query(`DROP TABLE "service_rows"`);
    await q.query(`DROP TABLE "cases"`);
    await q.query(`DROP TABLE "number_series"`);
  }
}
