/**
 * Playwright drives Debian's Chromium (never a downloaded browser) against
 * the real app, which talks to real FTP servers started by the fixtures.
 */
import { defineConfig } from '@playwright/test';
import { SERVER_NODE_FLAGS } from '../apps/server/node-flags.mjs';

const APP_PORT = Number(process.env.FTPDECK_E2E_PORT ?? 8032);
export const chromiumPath = process.env.FTPDECK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  outputDir: '../artifacts/test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    headless: true,
    // The UI follows the browser's language; the UI contract is English.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // Background networking would try to reach Google; this machine has no network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The server as users run it: compiled first (apps/server/build.mjs), then plain node.
    command: `node ../apps/server/build.mjs && node ${SERVER_NODE_FLAGS.join(' ')} ../apps/server/dist/main.mjs --port ${APP_PORT} --no-demo`,
    url: `http://127.0.0.1:${APP_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The whole suite comes from 127.0.0.1, and closed pages keep their session for the reconnect
    // grace period, so the per-address cap (20 by default) would refuse the later tests.
    env: { FTPDECK_LOG_LEVEL: 'warn', FTPDECK_MAX_SESSIONS_PER_IP: '500' },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
