import { loadConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { prepareDatabase } from './data-source.js';

/**
 * `npm run migrate`: creates the database in DATABASE_URL if needed, runs the pending
 * migrations and exits — what an operator runs before a rolling upgrade, so that old and new
 * replicas never race to migrate. Under the same advisory lock as the api's and the worker's
 * start-up, so it is safe beside them; a second run finds nothing to do. Exits 1 on failure.
 */
let logger = new KaariLogger('json', 'info', 'migrate');
try {
  const config = loadConfig();
  logger = new KaariLogger(config.logFormat, config.logLevel, 'migrate');
  // The database's name only: the URL may carry a password.
  const database = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  logger.event('info', 'migrations.started', { database }, 'Migrate');
  const ran = await prepareDatabase(config.databaseUrl);
  logger.event('info', 'migrations.done', { database, ran, count: ran.length }, 'Migrate');
} catch (error) {
  logger.event('error', 'migrations.failed', { error: (error as Error)?.message ?? String(error) }, 'Migrate');
  process.exitCode = 1;
}
