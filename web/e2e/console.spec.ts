import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { hasPermission } from '../src/utils/permission'
import { expect, login, logout, pickOption, test } from './fixtures'

// The 天水 prefecture and its counties (shared/data/gansu_divisions.csv).
const TIANSHUI = ['天水市', '秦州区', '麦积区', '清水县', '秦安县', '甘谷县', '武山县', '张家川回族自治县']
const suffix = `${Date.now().toString(36)}`
const cityUser = `ts${suffix}`
const initialPassword = 'Tianshui@2024a'
const changedPassword = 'Tianshui@2024b'

test.describe.configure({ mode: 'serial' })

test('the province admin sees the whole province on the dashboard', async ({ page }) => {
  await login(page, 'admin')
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('[data-test=gansu-map] svg')).toBeVisible()
  const regions = page.locator('[data-test=region-table] .el-table__body tr td:first-child')
  await expect(regions.filter({ hasText: '兰州市' })).toHaveCount(1)
  await expect(regions.filter({ hasText: '天水市' })).toHaveCount(1)
  await expect(regions.filter({ hasText: '兰州新区' })).toHaveCount(1)
  await expect(page.locator('[data-test=side-menu]')).toContainText('用户管理')
})

test('the admin creates a city user for 天水市', async ({ page }) => {
  await login(page, 'admin')
  await page.goto('/system/users')
  // The role the demo 天水 administrator holds is the city administrator role.
  await page.locator('[data-test=filter-q]').fill('tianshui')
  await page.locator('[data-test=search]').click()
  const demoRow = page.locator('[data-test=list-table] .el-table__body tr', { hasText: 'tianshui' }).first()
  await expect(demoRow).toBeVisible()
  const roleName = (await demoRow.locator('.el-tag').first().innerText()).trim()

  await page.locator('[data-test=tb-create]').click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('[data-test=user-username]').fill(cityUser)
  await dialog.locator('[data-test=user-name]').fill('天水测试用户')
  await pickOption(page, dialog.locator('[data-test=field-org_id] .el-select__wrapper'), /天水市.*(市场监督管理局|市场监管局)/, '天水市')
  await page.keyboard.press('Escape')
  await pickOption(page, dialog.locator('[data-test=field-role_ids] .el-select__wrapper'), roleName)
  await page.keyboard.press('Escape')
  await dialog.locator('[data-test=user-password]').fill(initialPassword)
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog).toBeHidden()
  await page.locator('[data-test=filter-q]').fill(cityUser)
  await page.locator('[data-test=search]').click()
  await expect(page.locator('[data-test=list-table] .el-table__body')).toContainText(cityUser)
})

test('the city user sees only 天水 and is refused the admin pages', async ({ page }) => {
  await login(page, cityUser, initialPassword)
  // An account created by an administrator may have to change its initial password first.
  if (/change-password/.test(await page.url()) || (await page.locator('[data-test=pw-old]').count()) > 0) {
    await page.locator('[data-test=pw-old]').fill(initialPassword)
    await page.locator('[data-test=pw-new]').fill(changedPassword)
    await page.locator('[data-test=pw-confirm]').fill(changedPassword)
    await page.locator('[data-test=pw-submit]').click()
  }
  await expect(page).toHaveURL(/\/$/)
  await expect(page.locator('[data-test=dashboard-focus]')).toHaveText('天水市')
  const names = await page.locator('[data-test=region-table] .el-table__body tr td:first-child').allInnerTexts()
  expect(names.length).toBeGreaterThan(0)
  for (const n of names) expect(TIANSHUI, `region ${n}`).toContain(n.trim())

  // Pages whose permission the role lacks: no menu entry, and the address leads to the 403 page.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { permissions: string[] }
  const adminPages: [string, string][] = [
    ['/system/roles', 'system:role:list'],
    ['/system/params', 'system:param:list'],
    ['/system/audit-logs', 'system:audit:list'],
    ['/system/sessions', 'system:session:list'],
  ]
  const refused = adminPages.filter(([, perm]) => !hasPermission(me.permissions, perm))
  expect(refused.map(([p]) => p)).toContain('/system/params')
  for (const [path] of refused) {
    await expect(page.locator(`[data-test="menu-${path}"]`)).toHaveCount(0)
    await page.goto(path)
    await expect(page.locator('[data-test=page-403]')).toBeVisible()
  }
})

test('a city administrator opens user management without a refusal and gives only its own roles', async ({ page }) => {
  await login(page, 'lanzhou')
  await page.goto('/system/users')
  await expect(page.locator('[data-test=list-table] .el-table__body')).toContainText('lanzhou')
  await page.waitForLoadState('networkidle')
  // The page asks only for what its user may see: no "no permission" toast.
  await expect(page.locator('.el-message--error')).toHaveCount(0)
  await page.locator('[data-test=tb-create]').click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('[data-test=field-role_ids] .el-select__wrapper').click()
  const options = page.locator('.el-select-dropdown__item:visible')
  await expect(options.filter({ hasText: '市局业务人员' })).toHaveCount(1)
  await expect(options.filter({ hasText: '省级系统管理员' })).toHaveCount(0)
  await expect(options.filter({ hasText: '省局业务人员' })).toHaveCount(0)
})

test('the language switch is remembered and translates Element Plus too', async ({ page }) => {
  await login(page, 'admin')
  await page.goto('/system/login-logs')
  await expect(page.locator('.el-pagination')).toContainText('共')
  await page.locator('[data-test=language-switch]').click()
  await page.locator('[data-test=language-en]').click()
  await expect(page.locator('[data-test=side-menu]')).toContainText('Login log')
  await expect(page.locator('.el-pagination')).toContainText('Total')
  await page.reload()
  await expect(page.locator('[data-test=side-menu]')).toContainText('Users')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.locator('[data-test=language-switch]').click()
  await page.locator('[data-test=language-zh-CN]').click()
  await expect(page.locator('[data-test=side-menu]')).toContainText('用户管理')
})

test('the user list exports the current filter to Excel', async ({ page }) => {
  await login(page, 'admin')
  await page.goto('/system/users')
  await page.locator('[data-test=filter-q]').fill(cityUser)
  await page.locator('[data-test=search]').click()
  await expect(page.locator('[data-test=list-table] .el-table__body tr')).toHaveCount(1)
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=tb-export]').click()])
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const file = join(tmpdir(), `longzhi-e2e-${suffix}-${download.suggestedFilename()}`)
  await download.saveAs(file)

  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  const cells: string[] = []
  sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))))
  expect(cells).toContain(cityUser)
  expect(cells).not.toContain('admin')
  expect(sheet.rowCount).toBe(2) // the header and the one matching user
})

test('logging out returns to the login page', async ({ page }) => {
  await login(page, 'admin')
  await expect(page).toHaveURL(/\/$/)
  await logout(page)
  await page.goto('/system/users')
  await expect(page).toHaveURL(/\/login\?redirect=/)
})
