import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access and accountability: the hash-chained audit log (with the trigger that keeps it
 * append-only), sign-in throttling, identity-provider identities, deputies and the
 * history of body memberships. Existing history rows get their audit entries.
 */
export class Access1764300000000 implements MigrationInterface {
  name = 'Access1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text NOT NULL, "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "instance_id" uuid, "history_id" bigint, "before" jsonb, "after" jsonb, "details" jsonb, "correlation_id" text, "chain_index" bigint, "prev_hash" text, "hash" text, "sealed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_320bb6b75258af61766c0e3006" ON "audit_log"  ("chain_index") `);
    await q.query(`CREATE INDEX "IDX_15a6f5aad57db494c17986ed2e" ON "audit_log"  ("actor", "id") `);
    await q.query(`CREATE INDEX "IDX_43fef0ec7f613c19c612fffe62" ON "audit_log"  ("entity_type", "entity_id") `);
    await q.query(`CREATE INDEX "IDX_f1cee55fbdb01ccdfa5732c1f3" ON "audit_log"  ("instance_id", "id") `);
    await q.query(`CREATE INDEX "audit_log_unsealed" ON "audit_log" ("id") WHERE chain_index IS NULL`);
    await q.query(
      `CREATE TABLE "sign_in_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f838c82d37e24773fc7984a7649" PRIMARY KEY ("key"))`,
    );
    await q.query(
      `CREATE TABLE "external_identities" ("issuer" text NOT NULL, "subject" text NOT NULL, "user_id" uuid NOT NULL, "claims_hash" text NOT NULL, "revoked_before" TIMESTAMP WITH TIME ZONE, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8cafd6f38cc139c8f9e2cab731d" PRIMARY KEY ("issuer", "subject"))`,
    );
    await q.query(`CREATE INDEX "IDX_8320cffd2d6ca86003e2398166" ON "external_identities"  ("user_id") `);
    await q.query(
      `CREATE TABLE "deputies" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "deputy_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "bodies" text array, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_99de99e7915a653c56a553bc737" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_e050cf08bfaeaed79f618eb97c" ON "deputies"  ("user_id") `);
    await q.query(`CREATE INDEX "IDX_2c50728d20e40b1e0671f046ea" ON "deputies"  ("deputy_id", "ends_at") `);
    await q.query(
      `CREATE TABLE "body_membership_history" ("id" BIGSERIAL NOT NULL, "body_code" text NOT NULL, "user_id" uuid NOT NULL, "username" text NOT NULL, "change" text NOT NULL, "role" text, "previous_role" text, "changed_by" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_db9e20130a763277d0ddaf8345d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_f09f891d86607073a00ec2f85c" ON "body_membership_history"  ("user_id", "id") `);
    await q.query(`CREATE INDEX "IDX_562a5bc323a981afc11e60bb00" ON "body_membership_history"  ("body_code", "id") `);

    // Defence in depth: nobody updates or deletes an audit entry, except the sealer setting
    // the seal of an unsealed entry once. Verification still catches a superuser who
    // disables this trigger.
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.hash IS NOT NULL OR OLD.chain_index IS NOT NULL OR NEW.hash IS NULL OR NEW.chain_index IS NULL
     OR (NEW.id, NEW.at, NEW.actor, NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.instance_id, NEW.history_id, NEW.before, NEW.after, NEW.details, NEW.correlation_id)
        IS DISTINCT FROM (OLD.id, OLD.at, OLD.actor, OLD.actor_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.instance_id, OLD.history_id, OLD.before, OLD.after, OLD.details, OLD.correlation_id) THEN
    RAISE EXCEPTION 'audit_log is append-only: an entry is sealed once and never changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await q.query(`INSERT INTO "audit_log" (at, actor, action, entity_type, entity_id, instance_id, history_id, details)
      SELECT at, COALESCE(actor, 'system'), type, CASE WHEN task_id IS NULL THEN 'instance' ELSE 'task' END, COALESCE(task_id::text, instance_id::text), instance_id, id, details
      FROM "history" ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "body_membership_history"`);
    await q.query(`DROP TABLE "deputies"`);
    await q.query(`DROP TABLE "external_identities"`);
    await q.query(`DROP TABLE "sign_in_throttle"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
