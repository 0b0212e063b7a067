import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * City sign-in links a Kaari user to one identity of the identity provider (issuer + subject)
 * and to no other: `external_identities.user_id` becomes unique. A user with several identities
 * can only come from the old link by username, where a second identity took the account over;
 * such rows are not guessed at here: the migration stops and names the users, for an admin to
 * keep the right identity (delete the others) before migrating again.
 * Also the web app's sign-ins under way (`oidc_sign_ins`).
 */
export class IdentityLinks1764620000000 implements MigrationInterface {
  name = 'IdentityLinks1764620000000';

  async up(q: QueryRunner): Promise<void> {
    const shared: Array<{ username: string }> = await q.query(
      `SELECT u.username FROM external_identities e JOIN users u ON u.id = e.user_id GROUP BY u.username HAVING count(*) > 1 ORDER BY u.username`,
    );
    if (shared.length) {
      throw new Error(
        `These users are linked to more than one identity of the identity provider: ${shared.map((r) => r.username).join(', ')}. ` +
          'Keep the identity that is theirs (DELETE the other rows of external_identities) and migrate again.',
      );
    }
    await q.query(`DROP INDEX "public"."IDX_8320cffd2d6ca86003e2398166"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_8320cffd2d6ca86003e2398166" ON "external_identities"  ("user_id") `);
    await q.query(
      `CREATE TABLE "oidc_sign_ins" ("id" text NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "return_to" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_id" uuid, "refusal" jsonb, CONSTRAINT "PK_ec09607bb8b8bbc1956f63d87f2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_7918e2992a78e0ef89f275e705" ON "oidc_sign_ins"  ("expires_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "oidc_sign_ins"`);
    await q.query(`DROP INDEX "public"."IDX_8320cffd2d6ca86003e2398166"`);
    await q.query(`CREATE INDEX "IDX_8320cffd2d6ca86003e2398166" ON "external_identities"  ("user_id") `);
  }
}
