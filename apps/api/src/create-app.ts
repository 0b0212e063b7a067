import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '@kaari/common/clock.js';
import type { KaariConfig } from '@kaari/common/config.js';
import { DomainError } from '@kaari/common/errors.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { prepareDatabase } from '@kaari/persistence/data-source.js';
import { ApiModule } from './app.module.js';
import { correlationId } from './http/correlation.middleware.js';
import { inputGuard } from './http/input-guard.middleware.js';
import { requestLog } from './http/request-log.middleware.js';
import { apiDocument } from './openapi.js';

/** Builds the HTTP app exactly as production runs it; tests call this too. */
export async function createApiApp(config: KaariConfig, options: { clock?: Clock } = {}): Promise<INestApplication> {
  await prepareDatabase(config.databaseUrl);
  const logger = new KaariLogger(config.logFormat, config.logLevel, 'api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, { ...options, logger }), {
    logger: logger.nestLogger(),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(correlationId);
  app.use(requestLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );
  // CORS stays closed unless API_CORS_ORIGINS names the origins.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['X-Correlation-Id', 'Location'] });
  app.use('/api', express.json({ limit: config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use('/api', express.text({ limit: config.bodyLimit, type: ['application/xml', 'text/xml', 'application/bpmn+xml'] }));
  app.use('/api', inputGuard(config.inputLimits));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainError(
          'BAD_INPUT',
          'The request does not fit: ' + errors.map((e) => e.property).join(', '),
          flatten(errors).map(({ path: p, message }) => ({ path: p, code: 'invalid', message })),
        ),
    }),
  );
  SwaggerModule.setup('api/docs', app, apiDocument(app));
  serveWeb(app, config);
  app.enableShutdownHooks();
  return app;
}

function flatten(errors: import('class-validator').ValidationError[], prefix = ''): Array<{ path: string; message: string }> {
  return errors.flatMap((e) => {
    const p = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path: p, message }));
    return [...own, ...flatten(e.children ?? [], p)];
  });
}

/** Serves the built web app at `/`, with index.html for the app's own routes. */
function serveWeb(app: INestApplication, config: KaariConfig): void {
  if (!config.webDir) return;
  const dir = path.resolve(config.webDir);
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return;
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.use(express.static(dir, { index: false, maxAge: '1h' }));
  http.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(index);
  });
}
