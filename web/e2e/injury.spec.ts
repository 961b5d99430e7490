import type { APIRequestContext } from '@playwright/test'
import ExcelJS from 'exceljs'
import { DEMO_PASSWORD, expect, login, pickOption, test } from './fixtures'

// Product-injury monitoring (docs/guide/injury.md) on the demo data of `longzhi seed --demo`:
// (a) a consumer files a defect report on the public page, without logging in, and gets its
//     receipt number;
// (b) the province finds the planted signal (power banks × fire, 迅驰 XC-20000 × fire: 40 reports
//     in the last 90 days) on the signals page and drills down to the reports behind it;
// (c) a hospital's staff see their own point's cases only;
// (d) a hospital imports an Excel file with a wrong row: nothing, then the valid rows only;
// (e) the province escalates the planted signal of the register to a defect investigation;
// (f) a hospital enters a case on the form and files a defect report from it.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)

/** A GET of the API as a demo user. */
async function apiGet(request: APIRequestContext, username: string, path: string): Promise<unknown> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  const r = await request.get(path)
  expect(r.ok(), `${path}: ${await r.text()}`).toBe(true)
  return r.json()
}

test('a consumer files a defect report on the public page without logging in', async ({ page }) => {
  // The login page links to the form.
  await page.goto('/login')
  await page.locator('[data-test=login-public-report]').click()
  await expect(page).toHaveURL(/\/public\/defect-report$/)
  await expect(page.locator('#public-title')).toHaveText('产品缺陷与伤害信息报告')

  // The honeypot is in the form, out of sight and out of the tab order.
  const trap = page.locator('input[name=website]')
  await expect(trap).toHaveAttribute('tabindex', '-1')
  await expect(trap).toHaveAttribute('autocomplete', 'off')
  await expect(trap).not.toBeInViewport()

  await pickOption(page, page.locator('[data-test=public-category] .el-select__wrapper'), '移动电源与充电器')
  await pickOption(page, page.locator('[data-test=public-hazard] .el-select__wrapper'), '起火')
  await page.locator('input[data-test=public-brand]').fill('E2E品牌')
  await page.locator('input[data-test=public-model]').fill(`M-${stamp}`)
  await page.locator('input[data-test=public-producer]').fill('某某电子科技有限公司')
  await page.locator('textarea[data-test=public-description]').fill('充电时外壳发烫并冒烟，随后起火，烧坏了桌面。')
  await pickOption(page, page.locator('[data-test=public-city] .el-select__wrapper'), '兰州市')
  await page.locator('input[data-test=public-name]').fill('张三')
  await page.locator('input[data-test=public-phone]').fill('13812345678')
  await page.locator('[data-test=public-submit]').click()

  await expect(page.locator('[data-test=public-receipt]')).toBeVisible()
  await expect(page.locator('[data-test=public-receipt-no]')).toHaveText(/^QX\d{8}\d{6}$/)
})

test('the province finds the planted power-bank × fire signal and drills down to its reports', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  await page.goto('/injury/signals')
  const cell = page.locator('[data-test=signal-cell][data-row=power-bank][data-col=fire]')
  await expect(cell).toBeVisible()
  const row = page.locator('[data-test=signal-table] .el-table__body-wrapper tr', { has: cell })
  // It meets a rule: a signal, among the first rows.
  await expect(row.locator('.el-tag').first()).toBeVisible()
  await expect(page.locator('[data-test=signal-count]')).not.toHaveText(/^信号 0 个$/)
  // The command that reproduces the table.
  await expect(page.locator('[data-test=signal-reproduce-command]')).toContainText('longzhi engine signal')

  await row.locator('[data-test=signal-drill]').click()
  await page.waitForURL(/\/injury\/reports\?/)
  const url = new URL(page.url())
  expect(url.searchParams.get('category')).toBe('power-bank')
  expect(url.searchParams.get('hazard')).toBe('fire')
  expect(url.searchParams.get('from')).toBeTruthy()

  const rows = page.locator('[data-test=list-table] .el-table__body-wrapper tbody tr')
  await expect(rows.first()).toBeVisible()
  const total = Number(/(\d+)/.exec((await page.locator('.el-pagination__total').textContent()) ?? '')?.[1])
  expect(total).toBeGreaterThanOrEqual(40)
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('移动电源与充电器')
    expect(text).toContain('起火')
  }
})

test('the province finds the planted 迅驰 XC-20000 × fire signal by model and drills down', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  await page.goto('/injury/signals?dimension=model')
  const cell = page.locator('[data-test=signal-cell][data-row="迅驰 XC-20000"][data-col=fire]')
  await expect(cell).toBeVisible()
  await cell.click()
  await page.waitForURL(/\/injury\/reports\?/)
  const url = new URL(page.url())
  expect(url.searchParams.get('brand')).toBe('迅驰')
  expect(url.searchParams.get('model')).toBe('XC-20000')
  expect(url.searchParams.get('hazard')).toBe('fire')
  await expect(page.locator('input[data-test=filter-brand]')).toHaveValue('迅驰')

  const rows = page.locator('[data-test=list-table] .el-table__body-wrapper tbody tr')
  await expect(rows.first()).toBeVisible()
  const total = Number(/(\d+)/.exec((await page.locator('.el-pagination__total').textContent()) ?? '')?.[1])
  expect(total).toBeGreaterThanOrEqual(40)
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('XC-20000')
    expect(text).toContain('起火')
  }
})

test('a hospital’s staff see their own point’s cases only', async ({ page, request }) => {
  const mine = (await apiGet(request, 'hospital', '/api/v1/injury/cases?page_size=100')) as { total: number; items: { point_name: string }[] }
  expect(mine.total).toBeGreaterThan(0)
  expect(new Set(mine.items.map((c) => c.point_name))).toEqual(new Set(['兰州大学第一医院']))
  const all = (await apiGet(request, 'province', '/api/v1/injury/cases?page_size=1')) as { total: number }
  expect(all.total).toBeGreaterThan(mine.total)

  await login(page, 'hospital')
  await page.goto('/injury/cases')
  const rows = page.locator('[data-test=list-table] .el-table__body-wrapper tbody tr')
  await expect(rows.first()).toBeVisible()
  await expect(page.locator('.el-pagination__total')).toContainText(String(mine.total))
  for (const text of await rows.allTextContents()) expect(text).toContain('兰州大学第一医院')
  // A single point: no point filter.
  await expect(page.locator('[data-test=filter-point]')).toHaveCount(0)
})

test('a hospital imports cases from Excel: a wrong row stops the file, unless only the valid rows are imported', async ({ page, request }) => {
  // Valid codes from the dictionaries (the first active item of each).
  const code = async (dict: string) => ((await apiGet(request, 'hospital', `/api/v1/dicts/${dict}`)) as { value: string }[])[0].value
  const coded: Record<string, string> = {}
  for (const [field, dict] of [['sex', 'injury_sex'], ['place', 'injury_place'], ['activity', 'injury_activity'], ['intent', 'injury_intent'], ['body_part', 'injury_body_part'], ['diagnosis', 'injury_diagnosis'], ['severity', 'injury_severity'], ['disposition', 'injury_disposition']]) {
    coded[field] = await code(dict)
  }
  const before = ((await apiGet(request, 'hospital', '/api/v1/injury/cases?page_size=1')) as { total: number }).total

  // Columns named by their keys (the import reads them as well as the template's labels).
  const keys = ['case_no', 'treated_on', 'age', 'sex', 'place', 'activity', 'intent', 'body_part', 'diagnosis', 'severity', 'disposition', 'product1', 'narrative']
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const row = (no: string, age: number, sex = coded.sex) => keys.map((k) => ({ case_no: no, treated_on: yesterday, age, sex, product1: 'toy', narrative: '玩耍时被玩具划伤手指' })[k as 'case_no'] ?? coded[k])
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('cases')
  sheet.addRow(keys)
  sheet.addRow(row(`E2E-${stamp}-1`, 6))
  sheet.addRow(row(`E2E-${stamp}-2`, 150, 'X'))
  sheet.addRow(row(`E2E-${stamp}-3`, 35))
  const file = { name: 'cases.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) }

  await login(page, 'hospital')
  await page.goto('/injury/cases')
  await page.locator('[data-test=tb-import]').click()
  const dialog = page.locator('[data-test=import-dialog]')
  await dialog.locator('[data-test=import-file]').setInputFiles(file)
  await dialog.locator('[data-test=import-upload]').click()
  // Row 3 (the second case) is wrong in two fields; nothing is imported.
  const errors = dialog.locator('[data-test=import-errors] .el-table__body tr')
  await expect(errors).toHaveCount(2)
  for (const text of await errors.allTextContents()) expect(text).toMatch(/^3/)
  await expect(dialog.locator('[data-test=import-failed]')).toContainText('未导入任何数据')
  expect(((await apiGet(request, 'hospital', '/api/v1/injury/cases?page_size=1')) as { total: number }).total).toBe(before)

  // Only the valid rows.
  await dialog.locator('[data-test=import-mode-valid]').click()
  await dialog.locator('[data-test=import-upload]').click()
  await expect(dialog.locator('[data-test=import-failed]')).toContainText('已导入 2 条')
  await expect(errors).toHaveCount(2)
  const after = (await apiGet(request, 'hospital', `/api/v1/injury/cases?q=E2E-${stamp}`)) as { total: number; items: { case_no: string }[] }
  expect(after.items.map((c) => c.case_no).sort()).toEqual([`E2E-${stamp}-1`, `E2E-${stamp}-3`])
})

test('the province escalates the planted 迅驰 XC-20000 × fire signal of the register to a defect investigation', async ({ page }) => {
  await login(page, 'province')
  await page.goto('/injury/register')
  await page.locator('input[data-test=filter-q]').fill('XC-20000')
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__body-wrapper tr', { hasText: '迅驰 XC-20000' }).filter({ hasText: '起火' })
  await expect(row).toHaveCount(1)
  await row.locator('[data-test=register-decide]').click()
  const dialog = page.locator('.el-dialog.form-dialog').filter({ visible: true })
  await expect(dialog).toContainText('迅驰 XC-20000 × 起火')
  await dialog.locator('[data-test=register-status-escalated]').click()
  // Escalating needs a follow-up.
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog.locator('[data-test=field-follow_up] .el-form-item__error')).toBeVisible()
  await dialog.locator('[data-test=register-follow-up-investigation]').click()
  await dialog.locator('textarea[data-test=register-note]').fill('同型号 90 天内 40 起起火报告，启动缺陷调查')
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog).toBeHidden()
  await expect(row.locator('[data-test=register-tag]')).toHaveAttribute('data-value', 'escalated')
  await expect(row).toContainText('缺陷调查')
})

test('a hospital enters a case on the form and files a defect report from it', async ({ page }) => {
  const caseNo = `F-${stamp}`
  await login(page, 'hospital')
  await page.goto('/injury/cases')
  await page.locator('[data-test=tb-create]').click()
  const dialog = page.locator('.el-dialog.form-dialog').filter({ visible: true })
  // A single point: chosen already.
  await expect(dialog.locator('[data-test=case-point]')).toContainText('兰州大学第一医院')
  await dialog.locator('input[data-test=case-no]').fill(caseNo)
  await dialog.locator('[data-test=case-age] input').fill('7')
  for (const f of ['sex', 'place', 'activity', 'intent', 'body_part', 'diagnosis', 'severity', 'disposition']) {
    // The first choice, by keyboard (the previous list may still be fading out).
    const select = dialog.locator(`[data-test=case-${f}]`)
    await select.locator('.el-select__wrapper').click()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(select.locator('.el-select__placeholder')).not.toHaveClass(/is-transparent/)
  }
  await pickOption(page, dialog.locator('[data-test=case-products] .el-select__wrapper'), '玩具')
  await dialog.locator('.el-dialog__header').click()
  await dialog.locator('textarea[data-test=case-narrative]').fill('在家玩耍时被玩具的尖锐边缘划伤手指')
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog).toBeHidden()

  await page.locator('input[data-test=filter-q]').fill(caseNo)
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__body-wrapper tr', { hasText: caseNo })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('玩具')

  await row.locator('[data-test=row-report]').click()
  const report = page.locator('.el-dialog.form-dialog').filter({ visible: true })
  // The category is the case's first product.
  await expect(report.locator('[data-test=report-category]')).toContainText('玩具')
  await report.locator('input[data-test=report-brand]').fill('乐宝')
  await report.locator('input[data-test=report-model]').fill('LB-E2E')
  await report.locator('input[data-test=report-producer]').fill('乐宝玩具有限公司')
  await pickOption(page, report.locator('[data-test=report-hazard] .el-select__wrapper'), '割伤')
  await report.locator('[data-test=dialog-save]').click()
  await expect(page.locator('.el-message--success').filter({ hasText: /QX\d+/ })).toBeVisible()
})
