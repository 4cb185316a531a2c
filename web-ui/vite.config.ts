import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The hub a `npm run dev` session talks to; override with DROVER_HUB_URL. */
const hub = process.env.DROVER_HUB_URL ?? 'http://127.0.0.1:8420';

export default defineConfig({
  plugins: [react()],
  build: {
    // The Maven build packages this folder as Quarkus static resources (see pom.xml).
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: hub, ws: true },
      '/q': { target: hub },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
