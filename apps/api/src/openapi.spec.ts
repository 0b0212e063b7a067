import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiDocument } from './openapi.js';
import { WEB_API_DIR, webApiFiles } from './web-api-files.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('The web app’s contract with the api', () => {
  let files: Awaited<ReturnType<typeof webApiFiles>>;
  let document: Awaited<ReturnType<typeof buildApiDocument>>;
  beforeAll(async () => {
    document = await buildApiDocument();
    files = await webApiFiles(document);
  });

  it.each(['openapi.json', 'schema.d.ts'] as const)('%s is what the controllers describe now (else: npm run openapi, and commit it)', async (name) => {
    const committed = await readFile(path.join(root, WEB_API_DIR, name), 'utf8').catch(() => '');
    expect(committed === files[name] ? 'up to date' : `${WEB_API_DIR}/${name} is out of date: run npm run openapi`).toBe('up to date');
  });

  it('describes an answer of every operation, and a problem for every error', () => {
    const undescribed: string[] = [];
    for (const [route, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item) as Array<[string, { responses?: Record<string, { description?: string; content?: unknown }> }]>) {
        const answers = Object.entries(operation.responses ?? {}).filter(([status]) => status !== 'default');
        if (!answers.length || answers.some(([status, r]) => status !== '204' && !r.content && !String(status).startsWith('3'))) undescribed.push(`${method.toUpperCase()} ${route}`);
        if (!operation.responses?.default?.content) undescribed.push(`${method.toUpperCase()} ${route} (errors)`);
      }
    expect(undescribed).toEqual([]);
  });
});
