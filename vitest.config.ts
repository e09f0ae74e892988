import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { RENDERER_ALIASES } from './vite.config';

// Unit tests sit beside the code. Integration tests (real namespaces, root) have their own config.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: RENDERER_ALIASES },
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/*.integration.test.ts', 'node_modules/**'],
    environment: 'node',
    // Component tests render the whole app; on a loaded 2-core CI machine 5 s is too tight.
    testTimeout: 30_000,
    setupFiles: ['renderer/src/test/setup.ts'],
  },
});
