import { loadConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { createWorker } from './create-worker.js';

const config = loadConfig();
await createWorker(config);
new KaariLogger(config.logFormat, config.logLevel, 'worker').event('info', 'worker.ready', { pid: process.pid }, 'Worker');
