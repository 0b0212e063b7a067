import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The instance list (`GET /api/instances`, the director's portfolio) in the order it shows
 * instances, newest first: a page reads its rows from the index and stops, instead of sorting
 * every instance ever started.
 */
export class InstanceList1764500000000 implements MigrationInterface {
  name = 'InstanceList1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "instances_list_order" ON "instances" ("started_at" DESC, "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "instances_list_order"`);
  }
}
