import cluster from 'node:cluster';
import { loadConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { createApiApp } from './create-app.js';
import { StartupService } from './startup.service.js';

const config = loadConfig();
const logger = new KaariLogger(config.logFormat, config.logLevel, 'api');

// API_PROCESSES > 1 forks that many api processes sharing the port, to use every core;
// they share nothing but PostgreSQL and Redis, like replicas on separate hosts.
if (cluster.isPrimary && config.apiProcesses > 1) {
  let shuttingDown = false;
  for (let i = 0; i < config.apiProcesses; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    logger.event('warn', 'api.process.exited', { pid: worker.process.pid, code, signal }, 'Cluster');
    if (!shuttingDown) cluster.fork();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      shuttingDown = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill(sig);
    });
  }
} else {
  const app = await createApiApp(config);
  await app.listen(config.port, process.env.API_HOST ?? '0.0.0.0');
  logger.event('info', 'api.listening', { port: config.port, pid: process.pid, docs: '/api/docs' }, 'Api');
  const generated = app.get(StartupService).generatedAdminPassword;
  if (generated) printAdminPassword(generated);
}

/**
 * Written once, on purpose, to the console of whoever started the first api, as the last
 * lines of its start-up and set off from the log: it is not a log event, so no log
 * collector keeps it.
 */
function printAdminPassword(password: string): void {
  const rule = '='.repeat(72);
  process.stdout.write(
    `\n${rule}\n  Kaari created the administrator account.\n\n    username: admin\n    password: ${password}\n\n` +
      `  It is shown only this once. Set KAARI_ADMIN_PASSWORD to choose it yourself.\n${rule}\n\n`,
  );
}
