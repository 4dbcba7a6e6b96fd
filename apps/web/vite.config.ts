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
    // One bundle for the whole app (about 610 kB, 190 kB gzipped): it loads
    // once, from the FTP Deck server the user runs, and every view needs most
    // of it. Vite's 500 kB warning only made `npm start` look broken.
    chunkSizeWarningLimit: 800,
  },
});
