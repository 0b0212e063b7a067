import { loadConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { createWorker } from './create-worker.js';

const config = loadConfig();
const worker = await createWorker(config);
worker.get(KaariLogger).event('info', 'worker.ready', { pid: process.pid }, 'Worker');
