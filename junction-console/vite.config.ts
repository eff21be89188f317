import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Built into the jar's dev/junction/console/ (Maven packages target/classes), served by the gateway at /console/.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/dev/junction/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    // npm run dev: the gateway on :8080 answers the API.
    proxy: { '/api': 'http://localhost:8080', '/v1': 'http://localhost:8080', '/v1beta': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    globals: true,
  },
});
