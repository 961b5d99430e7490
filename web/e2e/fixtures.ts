import { test as base, expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'Longzhi@2023'

/** Console errors of a page, less the network lines Chromium logs for expected 401 answers. */
export interface ConsoleWatch {
  errors: string[]
}

export const test = base.extend<{ consoleWatch: ConsoleWatch }>({
  // The server of this project's database, started by the global setup.
  baseURL: async ({}, use, testInfo) => {
    const bind = process.env[`LONGZHI_E2E_BIND_${testInfo.project.name.toUpperCase()}`]
    if (!bind) throw new Error(`no server for project ${testInfo.project.name}`)
    await use(`http://${bind}`)
  },
  // Every test fails on a console error (automatic: no test has to ask for it).
  consoleWatch: [
    async ({ page }, use) => {
      const watch: ConsoleWatch = { errors: [] }
      page.on('console', (m) => {
        if (m.type() !== 'error') return
        const text = m.text()
        // The session probe of a signed-out visit answers 401 by design (docs/api.md).
        if (/Failed to load resource: the server responded with a status of 401/.test(text)) return
        watch.errors.push(text)
      })
      page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`))
      await use(watch)
      expect(watch.errors, 'console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.locator('[data-test=login-username]').fill(username)
  await page.locator('[data-test=login-password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
  // Signed in once the app leaves the login page (home, the redirect, or the forced password change).
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

export async function logout(page: Page): Promise<void> {
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=logout]').click()
  await page.getByRole('dialog').getByRole('button', { name: /确定|OK/ }).click()
  await expect(page).toHaveURL(/\/login/)
}

/** Picks an option of an Element Plus select / tree-select by its visible text. */
export async function pickOption(page: Page, trigger: ReturnType<Page['locator']>, text: string | RegExp, filter?: string): Promise<void> {
  await trigger.click()
  if (filter) await page.keyboard.type(filter)
  const popper = page.locator('.el-popper:visible')
  await popper.locator('.el-select-dropdown__item, .el-tree-node__label', { hasText: text }).first().click()
}
