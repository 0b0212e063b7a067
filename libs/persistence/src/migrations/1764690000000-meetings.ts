import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings of bodies (issue 14): meetings and their agenda items, attendance with arrivals and
 * departures per item, recusals with their legal ground, proposals, votes, dissents, the
 * signatures and checks of the minutes, and each body's standing-order defaults.
 */
export class Meetings1764690000000 implements MigrationInterface {
  name = 'Meetings1764690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "body_standing_orders" ("body_code" text NOT NULL, "invitation_days" integer NOT NULL DEFAULT '4', "quorum_rule" text NOT NULL DEFAULT 'more-than-half', "minutes_checkers" integer NOT NULL DEFAULT '2', "electronic_procedure" boolean NOT NULL DEFAULT false, "updated_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e86425fca6f4bda44d348f5f492" PRIMARY KEY ("body_code"))`,
    );
    await q.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL, "body_code" text NOT NULL, "kind" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "place" text, "remote" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'scheduled', "invited_at" TIMESTAMP WITH TIME ZONE, "chair_id" uuid, "secretary_id" uuid, "minutes_checkers" uuid array NOT NULL DEFAULT '{}', "minutes_status" text NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_27baf7db2e8cc8bf4b019727da" ON "meetings"("body_code", "starts_at")`);
    await q.query(
      `CREATE TABLE "meeting_items" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "position" integer NOT NULL, "task_id" uuid, "instance_id" uuid, "diary_number" text, "classification" text, "title" text NOT NULL, "summary" text, "preparer_id" uuid, "prepared_on" date, "preparation_text" text, "presenter_id" uuid, "proposal" text NOT NULL, "section" integer, "year" integer, "outcome" text, "decision_text" text, "immediate_enforcement" boolean NOT NULL DEFAULT false, "is_public" boolean NOT NULL DEFAULT true, "secrecy_ground" text, "distribution" jsonb NOT NULL DEFAULT '[]', "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2ba832f3bd7788130a530f53457" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_191a4fb9f1ed92ea34b69cdff3" ON "meeting_items"("task_id")`);
    await q.query(`CREATE UNIQUE INDEX "IDX_525fd8ac55f275c72e025a7405" ON "meeting_items"("meeting_id", "position")`);
    await q.query(
      `CREATE TABLE "meeting_attendees" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL, "stands_in_for" uuid, "present_at_start" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_b49884a61337dbfb2f3018710da" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_ba2e66c528684ca546445e643d" ON "meeting_attendees"("meeting_id", "person_id")`);
    await q.query(
      `CREATE TABLE "meeting_attendance_movements" ("id" uuid NOT NULL, "attendee_id" uuid NOT NULL, "before_item" integer NOT NULL, "kind" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4bb773fb041d37d5afba048f412" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_c94c6ac67dff316a88775b3e9c" ON "meeting_attendance_movements"("attendee_id", "before_item")`);
    await q.query(
      `CREATE TABLE "item_recusals" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "person_id" uuid NOT NULL, "ground" text NOT NULL, "note" text, CONSTRAINT "PK_af22319c02af19af53ba65874e2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_4609e6a9e0060ad7e013a00ca4" ON "item_recusals"("item_id", "person_id")`);
    await q.query(
      `CREATE TABLE "item_proposals" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "position" integer NOT NULL, "kind" text NOT NULL, "text" text NOT NULL, "proposed_by" uuid, "seconded_by" uuid, CONSTRAINT "PK_6ff628f50468bee9b8fe65b9327" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_8d8af40c211d62a4ef841d697c" ON "item_proposals"("item_id", "position")`);
    await q.query(
      `CREATE TABLE "item_votes" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "round" integer NOT NULL, "yes_proposal" uuid NOT NULL, "no_proposal" uuid NOT NULL, "ballots" jsonb NOT NULL, "winner" uuid NOT NULL, "decided_by" text NOT NULL, CONSTRAINT "PK_ebc53aefdeaa3605a3a0c68552c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_d345afe606714d5cba6b701bb8" ON "item_votes"("item_id", "round")`);
    await q.query(
      `CREATE TABLE "item_dissents" ("id" uuid NOT NULL, "item_id" uuid NOT NULL, "person_id" uuid NOT NULL, "reasons" text, CONSTRAINT "PK_3d5623cbc814888034eff0604c0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_994cf1e282028431375f96474a" ON "item_dissents"("item_id", "person_id")`);
    await q.query(
      `CREATE TABLE "minutes_signatures" ("meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_41cd6551892219130a1cf2d7698" PRIMARY KEY ("meeting_id", "person_id", "role"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "minutes_signatures"`);
    await q.query(`DROP INDEX "public"."IDX_994cf1e282028431375f96474a"`);
    await q.query(`DROP TABLE "item_dissents"`);
    await q.query(`DROP INDEX "public"."IDX_d345afe606714d5cba6b701bb8"`);
    await q.query(`DROP TABLE "item_votes"`);
    await q.query(`DROP INDEX "public"."IDX_8d8af40c211d62a4ef841d697c"`);
    await q.query(`DROP TABLE "item_proposals"`);
    await q.query(`DROP INDEX "public"."IDX_4609e6a9e0060ad7e013a00ca4"`);
    await q.query(`DROP TABLE "item_recusals"`);
    await q.query(`DROP INDEX "public"."IDX_c94c6ac67dff316a88775b3e9c"`);
    await q.query(`DROP TABLE "meeting_attendance_movements"`);
    await q.query(`DROP INDEX "public"."IDX_ba2e66c528684ca546445e643d"`);
    await q.query(`DROP TABLE "meeting_attendees"`);
    await q.query(`DROP INDEX "public"."IDX_525fd8ac55f275c72e025a7405"`);
    await q.query(`DROP INDEX "public"."IDX_191a4fb9f1ed92ea34b69cdff3"`);
    await q.query(`DROP TABLE "meeting_items"`);
    await q.query(`DROP INDEX "public"."IDX_27baf7db2e8cc8bf4b019727da"`);
    await q.query(`DROP TABLE "meetings"`);
    await q.query(`DROP TABLE "body_standing_orders"`);
  }
}
