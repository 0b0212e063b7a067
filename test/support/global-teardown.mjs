import pg from 'pg';
import { ADMIN_URL } from './database-names.mjs';

export default async function globalTeardown() {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${process.env.KAARI_TEST_TEMPLATE}" WITH (FORCE)`).catch(() => undefined);
  await client.end();
}
