import { defineConfig } from 'vitest/config';

// Integration tests create network namespaces, bridges, nft tables and dnsmasq for real,
// so they run one file at a time, as root.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.integration.test.ts', 'electron/**/*.integration.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
