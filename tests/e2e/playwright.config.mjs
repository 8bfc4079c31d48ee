// End-to-end tests against the release build (dist/) served on loopback by server.mjs.
// The browser is Debian's Chromium: Playwright must never download one.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 8181);
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: './results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: chromiumArgs,
    },
    trace: 'off',
  },
  webServer: {
    command: `node tests/e2e/server.mjs --port ${port} --root dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    cwd: '../..',
    timeout: 30_000,
  },
});
