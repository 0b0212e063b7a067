import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The api serves dist/ at `/`; in development `vite --config apps/web/vite.config.ts`
// proxies /api to an api started on KAARI_API (default http://127.0.0.1:3100).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': process.env.KAARI_API ?? 'http://127.0.0.1:3100' },
  },
});
