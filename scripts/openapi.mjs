#!/usr/bin/env node
// `npm run openapi`: writes the api's OpenAPI document and the web app's types generated from it
// (apps/web/src/api/openapi.json, schema.d.ts) from the built server, without a database or Redis.
// Run it after changing a controller or a response class, and commit both files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApiDocument } from '../dist/apps/api/src/openapi.js';
import { WEB_API_DIR, webApiFiles } from '../dist/apps/api/src/web-api-files.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const files = await webApiFiles(await buildApiDocument());
await mkdir(path.join(root, WEB_API_DIR), { recursive: true });
for (const [name, text] of Object.entries(files)) {
  await writeFile(path.join(root, WEB_API_DIR, name), text);
  console.log(`wrote ${path.join(WEB_API_DIR, name)}`);
}
