import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A start's Idempotency-Key is kept with a hash of the request it came with (sha-256 of the
 * canonical method, route and body), so a repeat with another request is refused instead of
 * answered with the first instance. Rows from before have no hash: the request they came with
 * is not known, so a repeat of their key is answered as before (the first instance).
 */
export class IdempotencyHash1764630000000 implements MigrationInterface {
  name = 'IdempotencyHash1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "instances" ADD "idempotency_hash" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "instances" DROP COLUMN "idempotency_hash"`);
  }
}
