import { defineConfig } from '@playwright/test'
import { e2eDatabases } from './e2e/databases'

// One project per database, as vaultwarden runs its suite once per backend. The global setup
// starts one real `longzhi serve` per project (e2e/global-setup.ts); the `baseURL` fixture of
// e2e/fixtures.ts points each project's tests at its server.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
    trace: 'retain-on-failure',
  },
  projects: e2eDatabases().map((db) => ({ name: db })),
})
