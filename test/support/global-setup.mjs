// Runs once before the e2e tests (after `pretest` built the server): migrates one template
// database; each test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import pg from 'pg';
import { prepareDatabase } from '../../dist/libs/persistence/src/data-source.js';
import { ADMIN_URL, TEMPLATE } from './database-names.mjs';

export default async function globalSetup() {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kaari_t_%' OR datname = $1`, [TEMPLATE]);
    for (const row of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await prepareDatabase(ADMIN_URL.replace(/\/[^/]*$/, `/${TEMPLATE}`));
}
