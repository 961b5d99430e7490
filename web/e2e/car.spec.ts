import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, pickOption, test } from './fixtures'

// Household-car 三包 (docs/engines/sanbao.md, SAMR Order No. 43): the consumers' public self-check
// without login. A car delivered on 2025-03-03 (invoice 2025-03-01) had a main part of its gearbox
// replaced on 2025-03-08, day 5 after delivery; asked on 2025-03-13, the engine grants a
// replacement car or a refund under Art 22, free of usage compensation; the page explains it
// article by article and saves it as a PDF in the UI's language.

/** Types a date into the Element Plus date picker of a form item and confirms it. */
async function setDate(scope: Locator | Page, item: string, value: string): Promise<void> {
  const input = scope.locator(`[data-test=${item}] input`)
  await input.fill(value)
  await input.press('Enter')
  await expect(input).toHaveValue(value)
}

async function setNumber(scope: Locator | Page, item: string, value: string): Promise<void> {
  const input = scope.locator(`[data-test=${item}] input`)
  await input.fill(value)
  await input.blur()
}

test('a consumer checks a gearbox part replaced 5 days after delivery: replacement or refund under Art 22, printed and saved as PDF', async ({ page }) => {
  // Reached from the login page, without an account.
  await page.goto('/login')
  await page.locator('[data-test=login-public-sanbao]').click()
  await page.waitForURL(/\/public\/sanbao$/)
  await expect(page.locator('[data-test=sanbao-title]')).toHaveText('家用汽车三包自查')

  // Nothing filled in: the browser names what is missing, at its field, and asks nothing.
  await page.locator('[data-test=sanbao-check]').click()
  await expect(page.locator('[data-test=sanbao-error]')).toBeVisible()
  await expect(page.locator('[data-test=field-purchase_date] .el-form-item__error')).toHaveText('请填写')
  await expect(page.locator('[data-test=field-price_yuan] .el-form-item__error')).toBeVisible()
  await expect(page.locator('[data-test=sanbao-result]')).toHaveCount(0)

  await setDate(page, 'field-purchase_date', '2025-03-01')
  await setDate(page, 'field-delivery_date', '2025-03-03')
  await setNumber(page, 'field-price_yuan', '159800')
  await setNumber(page, 'field-compensation_rate', '0.4')
  await setDate(page, 'field-evaluation_date', '2025-03-13')
  await setNumber(page, 'field-odometer_km', '460')

  await expect(page.locator('[data-test=visits-empty]')).toBeVisible()
  await page.locator('[data-test=visit-add]').click()
  const visit = page.locator('[data-test=visit]').first()
  await setDate(visit, 'visit-date', '2025-03-08')
  await setNumber(visit, 'visit-odometer', '420')
  await visit.locator('[data-test=visit-kind-replace_part]').click()
  await pickOption(page, visit.locator('[data-test=visit-system] .el-select__wrapper'), '变速器')
  // A part replaced on an assembly without its name cannot be judged under Art 20 / 22: the visit says so.
  await expect(visit.locator('[data-test=visit-hints]')).toContainText('主要零部件名称')
  await visit.locator('[data-test=visit-part] input').fill('齿轮')
  await expect(visit.locator('[data-test=visit-hints]')).toHaveCount(0)
  await visit.locator('[data-test=visit-problem] input').fill('变速器异响')
  await setNumber(visit, 'visit-days', '3')

  // A second visit, duplicated then removed, leaves the case as it was.
  await visit.locator('[data-test=visit-duplicate]').click()
  await expect(page.locator('[data-test=visit]')).toHaveCount(2)
  await expect(page.locator('[data-test=visit]').nth(1).locator('[data-test=visit-problem] input')).toHaveValue('变速器异响')
  await expect(page.locator('[data-test=visit]').nth(1).locator('[data-test=visit-same-as]')).toContainText('1')
  await page.locator('[data-test=visit]').nth(1).locator('[data-test=visit-remove]').click()
  await expect(page.locator('[data-test=visit]')).toHaveCount(1)

  await page.locator('[data-test=sanbao-check]').click()
  const result = page.locator('[data-test=sanbao-result]')
  await expect(result).toBeVisible()
  await expect(page.locator('[data-test=sanbao-error]')).toHaveCount(0)

  // The verdict in plain words, the article it rests on, free of usage compensation.
  const verdict = result.locator('[data-test=sanbao-verdict]')
  await expect(verdict).toHaveAttribute('data-value', 'refund_or_replace')
  await expect(verdict.locator('[data-test=sanbao-verdict-title]')).toHaveText('您可以要求换车或退车')
  const articles = result.locator('[data-test=sanbao-article]')
  await expect(articles).toHaveCount(1)
  await expect(articles.first()).toHaveAttribute('data-article', '22')
  await expect(articles.first()).toContainText('第二十二条：7 日内因质量问题需要更换发动机、变速器')
  await expect(result.locator('[data-test=sanbao-compensation]')).toContainText('不收取使用补偿费')

  // Both periods from the delivery date, with their ends and limits, the car inside both.
  await expect(result.locator('[data-test=sanbao-period-sanbao]')).toHaveAttribute('data-inside', 'true')
  await expect(result.locator('[data-test=sanbao-period-sanbao]')).toContainText('2027-03-03')
  await expect(result.locator('[data-test=sanbao-period-sanbao]')).toContainText('50,000')
  await expect(result.locator('[data-test=sanbao-period-warranty]')).toContainText('2028-03-03')
  await expect(result.locator('[data-test=sanbao-deadlines]')).toContainText('10 个工作日')
  await expect(result.locator('[data-test=sanbao-deadlines]')).toContainText('20 个工作日')
  await expect(result.locator('[data-test=sanbao-documents]')).toContainText('三包凭证')

  // The engine's reasons, the visit named as the consumer numbered it; the unmet ones folded.
  const art22 = result.locator('[data-test=sanbao-reason][data-code="art22.replacement_within_7_days"]')
  await expect(art22).toHaveAttribute('data-met', 'true')
  await expect(art22).toContainText('第 1 次维修（2025-03-08，第 5 日，420 公里）')
  await expect(art22).toContainText('第二十二条')
  const unmet = result.locator('[data-test=sanbao-unmet]')
  await expect(unmet).toBeHidden()
  await result.locator('[data-test=sanbao-unmet-toggle]').click()
  await expect(unmet.locator('[data-code="art23.major_failure_within_60_days"]')).toHaveAttribute('data-met', 'false')

  // Printing hides the form and shows the result.
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('[data-test=sanbao-form]')).toBeHidden()
  await expect(verdict).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  // The PDF of the same case, in the UI's language.
  const [request, download] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/v1/public/sanbao/report')),
    page.waitForEvent('download'),
    page.locator('[data-test=sanbao-pdf]').click(),
  ])
  expect(new URL(request.url()).searchParams.get('lang')).toBe('zh-CN')
  expect(request.postDataJSON()).toMatchObject({ delivery_date: '2025-03-03', compensation_rate: 0.004, events: [{ kind: 'replace_part', system: 'gearbox', part: '齿轮', fault_id: '变速器异响' }] })
  // Named by the server in the language asked for (RFC 5987 `filename*`).
  expect(download.suggestedFilename()).toBe('三包自助判定.pdf')
  const file = join(tmpdir(), `longzhi-e2e-${Date.now().toString(36)}-sanbao.pdf`)
  await download.saveAs(file)
  expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF')

  // In English the same result reads in English, and the PDF is asked for in English.
  await page.locator('[data-test=language-switch]').click()
  await page.locator('[data-test=language-en]').click()
  await expect(verdict.locator('[data-test=sanbao-verdict-title]')).toHaveText('You may ask for a replacement car or a refund')
  await expect(articles.first()).toContainText('Art 22: if within 7 days')
  await expect(art22).toContainText('visit 1 (2025-03-08, day 5, 420 km)')
  const [requestEn, downloadEn] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/v1/public/sanbao/report')),
    page.waitForEvent('download'),
    page.locator('[data-test=sanbao-pdf]').click(),
  ])
  expect(new URL(requestEn.url()).searchParams.get('lang')).toBe('en')
  expect(downloadEn.suggestedFilename()).toBe('sanbao-self-check.pdf')

  // On a phone the page fits the screen (once the language menu has closed).
  await expect(page.locator('.el-dropdown__popper')).toBeHidden()
  await page.setViewportSize({ width: 375, height: 740 })
  await expect(verdict).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})
