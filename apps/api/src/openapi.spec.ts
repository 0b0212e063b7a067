import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApiDocument } from './openapi.js';
import { WEB_API_DIR, webApiFiles } from './web-api-files.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const STALE = 'is out of date: run npm run openapi and commit apps/web/src/api';

/** The operations and schemas of the committed document that differ from those the controllers describe now. */
function differences(committed: string, now: string): string[] {
  type Doc = { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };
  const parts = (text: string): Record<string, string> => {
    const doc = JSON.parse(text) as Doc;
    return Object.fromEntries([
      ...Object.entries(doc.paths ?? {}).map(([p, item]) => [`path ${p}`, JSON.stringify(item)]),
      ...Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => [`schema ${name}`, JSON.stringify(schema)]),
    ]);
  };
  let before: Record<string, string>;
  try {
    before = parts(committed);
  } catch {
    return ['(no committed document)'];
  }
  const after = parts(now);
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
  return changed.length ? changed : ['(the rest of the document)'];
}

describe('The web app’s contract with the api', () => {
  let document: Awaited<ReturnType<typeof buildApiDocument>>;
  let files: Awaited<ReturnType<typeof webApiFiles>>;
  const committed = (name: keyof typeof files) => readFile(path.join(root, WEB_API_DIR, name), 'utf8').catch(() => '');
  beforeAll(async () => {
    document = await buildApiDocument();
    files = await webApiFiles(document);
  });

  it('the committed OpenAPI document is the one the controllers describe now', async () => {
    const text = await committed('openapi.json');
    expect(text === files['openapi.json'] ? [] : [`openapi.json ${STALE}`, ...differences(text, files['openapi.json'])]).toEqual([]);
  });

  it('the committed web app types are the ones generated from it', async () => {
    expect((await committed('schema.d.ts')) === files['schema.d.ts'] ? 'up to date' : `schema.d.ts ${STALE}`).toBe('up to date');
  });

  it('describes an answer of every operation, and a problem for every error', () => {
    const undescribed: string[] = [];
    for (const [route, item] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(item) as Array<[string, { responses?: Record<string, { content?: unknown }> }]>) {
        const answers = Object.entries(operation.responses ?? {}).filter(([status]) => status !== 'default');
        // An answer has content, except 204 and a redirect.
        if (!answers.length || answers.some(([status, r]) => status !== '204' && !status.startsWith('3') && !r.content))
          undescribed.push(`${method.toUpperCase()} ${route}`);
        if (!operation.responses?.default?.content) undescribed.push(`${method.toUpperCase()} ${route} (errors)`);
      }
    expect(undescribed).toEqual([]);
  });
});
