import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The language a person reads Kaari in: their notifications' e-mails are written in it. Finnish unless they choose. */
export class UserLanguage1764740000000 implements MigrationInterface {
  name = 'UserLanguage1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "language" text NOT NULL DEFAULT 'fi'`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "users_language_check" CHECK ("language" IN ('fi', 'sv', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "users_language_check"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
