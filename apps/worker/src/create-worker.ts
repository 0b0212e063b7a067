import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Clock } from '@kaari/common/clock.js';
import type { KaariConfig } from '@kaari/common/config.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { prepareDatabase } from '@kaari/persistence/data-source.js';
import { WorkerModule } from './worker.module.js';

/** Builds the worker exactly as production runs it; tests call this too. */
export async function createWorker(config: KaariConfig, options: { clock?: Clock } = {}): Promise<INestApplicationContext> {
  const logger = new KaariLogger(config.logFormat, config.logLevel, 'worker');
  await prepareDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { ...options, logger }), { logger: logger.nestLogger() });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
