import { defineConfig } from '@playwright/test';

// End-to-end tests in real Chromium (/usr/bin/chromium, or CHROME_PATH) against the production
// build served by `vite preview`. `npm test` builds first. Tests launch their own browser
// (tests/e2e/browser.ts) because each needs its own Chromium flags (fake camera, WebGPU).
// E2E_PORT moves the preview server when 4173 is taken (tests/e2e/browser.ts reads it too).
const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // 2-core boxes: one browser at a time, and generous time for WASM model loads.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
  use: { baseURL },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
