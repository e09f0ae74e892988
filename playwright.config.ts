import { defineConfig } from '@playwright/test';

// The e2e suite drives the browser shell in Debian's Chromium (Playwright cannot
// download its own here) against a real vnmd: see e2e/fixtures/browser-shell.ts.
export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results/playwright',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : [['list']],
  use: {
    browserName: 'chromium',
    headless: !process.env.PW_HEADFUL,
    viewport: { width: 1100, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
