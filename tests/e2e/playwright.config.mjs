// End-to-end tests against the release build (dist/) served on loopback by server.mjs.
// The browser is Debian's Chromium: Playwright must never download one.
import { defineConfig } from '@playwright/test';
import {
  HOST, HOST_PORT, APP_ALLOWED_PORT, APP_EXCLUDED_PORT,
  FHIR, FHIR_PORT, APP_REFERRAL, APP_REFERRAL_PORT, APP_BLOCKED, APP_BLOCKED_PORT,
  APP_ALTERNATIVES, APP_ALTERNATIVES_PORT,
  APP_OFFLINE, APP_OFFLINE_PORT,
} from './host/ports.mjs';

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
  webServer: [
    {
      // The app as most tests see it. It serves an empty configuration ({}: every default)
      // rather than none: without config.json the browser itself logs the 404 as a console
      // error, which tests asserting a clean console would count. The app treats a 404 as
      // "use the defaults" silently; config.spec.mjs checks that case on its own.
      command: `node tests/e2e/server.mjs --port ${port} --root dist --config tests/e2e/host/configs/default.json`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
    {
      // Demo partner pages, on their own origin (partner.spec.mjs).
      command: `node tests/e2e/server.mjs --port ${HOST_PORT} --root tests/e2e/host --no-csp`,
      url: `${HOST}/index.html`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
    ...[[APP_ALLOWED_PORT, 'partner.json'], [APP_EXCLUDED_PORT, 'excluded.json']].map(([appPort, config]) => ({
      // The app with a partner configuration, which the host origin may frame.
      command: `node tests/e2e/server.mjs --port ${appPort} --root dist --config tests/e2e/host/configs/${config} --frame-ancestors "'self' ${HOST}"`,
      url: `http://127.0.0.1:${appPort}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    })),
    {
      // A real FHIR implementation (Medplum's router, in memory) with CORS for the two
      // referral apps and fault injection (tests/e2e/fhir/server.mjs).
      command: `node --experimental-websocket tests/e2e/fhir/server.mjs --port ${FHIR_PORT} --allow-origin ${APP_REFERRAL} --allow-origin ${APP_BLOCKED}`,
      url: `${FHIR}/fhir/R4/metadata`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 60_000,
    },
    {
      command: `node tests/e2e/server.mjs --port ${APP_REFERRAL_PORT} --root dist --config tests/e2e/host/configs/referral.json --connect-src ${FHIR}`,
      url: `${APP_REFERRAL}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
    {
      // The offline tests (offline.spec.mjs): a partner's configuration, and two later
      // deployments to switch to (tests/e2e/builds.mjs writes them before the tests).
      command: `node tests/e2e/server.mjs --port ${APP_OFFLINE_PORT} --root dist --config tests/e2e/host/configs/partner.json --alt-root next=tests/e2e/builds/next --alt-root killed=tests/e2e/builds/killed`,
      url: `${APP_OFFLINE}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
    {
      // The same, but the deployer forgot the endpoint in connect-src.
      command: `node tests/e2e/server.mjs --port ${APP_BLOCKED_PORT} --root dist --config tests/e2e/host/configs/referral.json`,
      url: `${APP_BLOCKED}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
    {
      // A partner listing several services of its own (alternatives.spec.mjs).
      command: `node tests/e2e/server.mjs --port ${APP_ALTERNATIVES_PORT} --root dist --config tests/e2e/host/configs/alternatives.json`,
      url: `${APP_ALTERNATIVES}/`,
      reuseExistingServer: false,
      cwd: '../..',
      timeout: 30_000,
    },
  ],
});
