import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ADMIN_URL } from './database-names.mjs';

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kaari_t_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const template = process.env.KAARI_TEST_TEMPLATE;
  if (!template) throw new Error('KAARI_TEST_TEMPLATE is set by the global setup; run the tests through jest');
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await client.end();
  return {
    url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
