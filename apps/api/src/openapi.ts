import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@kaari/common/config.js';
import { ApiModule } from './app.module.js';
import { ProblemDto } from './routes/problem.dto.js';

/**
 * The OpenAPI document of the api's routes, from the controllers' decorators: what the api
 * serves at /api/docs and what the web app's types are generated from. `app` has its
 * global prefix set. Every operation may also answer with a problem (the problem filter
 * catches every error), so each gets it as its `default` response.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kaari API')
      .setDescription('Horizontal governance processes: definitions, instances, tasks, steering bodies')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDto] },
  );
  const problem = {
    description: 'An error: RFC 9457 problem details with the correlation id',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) operation.responses = { ...operation.responses, default: problem };
    }
  }
  return document;
}

/**
 * The same document without a database, Redis or a port: in Nest's preview mode the modules
 * are read and nothing is instantiated (`npm run openapi` writes it; a unit test compares).
 */
export async function buildApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule.forRoot(loadConfig({})), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
