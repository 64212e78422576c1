import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true }, '/healthz': 'http://localhost:4000' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
