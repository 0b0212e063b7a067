import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { prepareDatabase } from '@kaari/persistence/data-source.js';
import { WorkerModule } from './worker.module.js';

const config = loadConfig();
const logger = new KaariLogger(config.logFormat, config.logLevel, 'worker');
await prepareDatabase(config.databaseUrl);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
app.enableShutdownHooks();
await app.init();
logger.event('info', 'worker.ready', { pid: process.pid }, 'Worker');
