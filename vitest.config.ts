import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { RENDERER_ALIASES } from './vite.config';

// Unit tests sit beside the code. Integration tests (real namespaces, root) have their own config.
// Two projects: only the renderer's tests load React and testing-library's set-up; the other
// ~140 files would otherwise each import react-dom for nothing (about 20 s of a CI run).
const EXCLUDE = ['**/*.integration.test.ts', 'node_modules/**'];
export default defineConfig({
  test: {
    environment: 'node',
    // Component tests render the whole app; on a loaded 2-core CI machine 5 s is too tight.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: EXCLUDE,
        },
      },
      {
        extends: true,
        plugins: [react()],
        resolve: { alias: RENDERER_ALIASES },
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          exclude: EXCLUDE,
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
    ],
  },
});
