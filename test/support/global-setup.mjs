// Runs once before the e2e tests (after `pretest` built the server): migrates a template
// database for this run; each test file clones it (CREATE DATABASE … TEMPLATE), which takes
// milliseconds. Names carry a timestamp so parallel runs never drop each other's databases;
// leftovers of runs older than two hours are dropped.
import pg from 'pg';
import { prepareDatabase } from '../../dist/libs/persistence/src/data-source.js';
import { ADMIN_URL } from './database-names.mjs';

export default async function globalSetup() {
  const template = `kaari_tpl_${Date.now()}`;
  process.env.KAARI_TEST_TEMPLATE = template;
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^kaari_(t|tpl)_[0-9]+'`);
    const cutoff = Date.now() - 2 * 3600_000;
    for (const { datname } of stale.rows) {
      if (Number(/^kaari_(?:t|tpl)_(\d+)/.exec(datname)[1]) < cutoff) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
  await prepareDatabase(ADMIN_URL.replace(/\/[^/]*$/, `/${template}`));
}
