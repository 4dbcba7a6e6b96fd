import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where the Fastify server listens; the dev server proxies to it. */
const backend = 'http://127.0.0.1:8021';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server sends a strict CSP; keep every script an external file.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
