import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/healthz': api,
      '/auth': api,
      '/exports': api,
      '/unsubscribe': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    // Fonts stay files, however small: inlined as data: URLs they would be refused by the
    // Content-Security-Policy (font-src 'self'), and the browser fetches each slice only when used.
    assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
  },
});
