import { loadConfig } from '@kaari/common/config.js';
import { createApiApp } from './create-app.js';

const config = loadConfig();
const app = await createApiApp(config);
await app.listen(config.port, process.env.API_HOST ?? '0.0.0.0');
process.stdout.write(`Kaari api listening on http://localhost:${config.port} (API docs at /api/docs)\n`);
