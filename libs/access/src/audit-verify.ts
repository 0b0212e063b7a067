import pg from 'pg';
import { loadConfig } from '@kaari/common/config.js';
import { verifyAll } from './audit-chain.js';

/**
 * `npm run audit:verify`: checks the audit chain in DATABASE_URL straight from the
 * database, without the api, and exits 1 at the first broken link.
 */
const config = loadConfig();
const client = new pg.Client({ connectionString: config.databaseUrl });
await client.connect();
try {
  const result = await verifyAll(async (sql, params) => (await client.query(sql, params)).rows);
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (!result.ok) {
    const b = result.firstBrokenAt;
    if (b) process.stderr.write(`audit chain broken at entry ${b.chainIndex}${b.id ? ` (id ${b.id})` : ''}: ${b.reason}\n`);
    const h = result.historyBrokenAt;
    if (h) process.stderr.write(`instance history row ${h.historyId} is not what the audit trail recorded: ${h.reason}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`audit chain intact: ${result.checked} entries, ${result.unsealed} not sealed yet\n`);
  }
} finally {
  await client.end();
}
