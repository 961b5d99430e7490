import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, login, pickOption, test } from './fixtures'

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
  // The seller's Art 28 dates for a request on 2025-03-13, in the province's working days (GET /public/sanbao/deadlines).
  await expect(result.locator('[data-test=sanbao-deadline-answer]')).toContainText(/最迟 2025-0[34]-\d{2}/)
  await expect(result.locator('[data-test=sanbao-deadline-completion]')).toContainText(/最迟 2025-0[34]-\d{2}/)
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

// The console (docs/guide/car.md): a city officer of 兰州 (user `lanzhou`) takes a dispute from intake
// to outcome. The car, a 远航 E5 of the demo catalogue, was delivered 28 days ago (invoice 30 days
// ago); the consumer asks today for a replacement. Received without repairs, the dispute is
// evaluated at once; the visit entered next — a main part of the gearbox replaced 3 days after
// delivery — makes the engine grant a replacement or refund under Art 22, kept as a second version.
// The seller answers, a mediation settles it, and the officer closes it as replaced.
test.describe('the 三包 console', () => {
  // The server counts days in China Standard Time; the browser counts them the same way.
  test.use({ timezoneId: 'Asia/Shanghai' })

  const stamp = Date.now().toString(36)
  /** A date `days` from today in China Standard Time. */
  const cst = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
  const formDialog = (page: Page) => page.locator('.el-dialog.form-dialog').filter({ visible: true })

  test('a city officer receives a dispute, adds a repair, sees the evaluation, records the answer and a mediation, and closes it', async ({ page }) => {
    test.setTimeout(120_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await login(page, 'lanzhou')
    await page.goto('/car/disputes')
    await expect(page.locator('[data-test=list-table]')).toBeVisible()

    // Intake: the VIN is checked in the browser before the server is asked.
    await page.locator('[data-test=tb-create]').click()
    const d = formDialog(page)
    await expect(d).toBeVisible()
    const consumer = `王磊${stamp}`
    await d.locator('[data-test=field-consumer_name] input').fill(consumer)
    await d.locator('[data-test=field-consumer_phone] input').fill('13909310001')
    const vin = d.locator('[data-test=field-vin] input')
    await vin.fill('1M8GDM9A1KP042788')
    await vin.blur()
    await expect(d.locator('[data-test=field-vin] .el-form-item__error')).toContainText('校验位')
    await vin.fill('1m8gdm9axkp042788')
    await vin.blur()
    await expect(vin).toHaveValue('1M8GDM9AXKP042788')
    await expect(d.locator('[data-test=field-vin] .el-form-item__error')).toHaveCount(0)

    // Maker → model; the model's n fills in the rate.
    await pickOption(page, d.locator('[data-test=field-maker_id] .el-select__wrapper'), '远航')
    await pickOption(page, d.locator('[data-test=field-model_id] .el-select__wrapper'), '远航 E5')
    await expect(d.locator('[data-test=field-compensation_rate] input')).toHaveValue('0.50')
    await expect(d.locator('[data-test=dispute-voucher]')).toContainText('n = 0.5%')
    await pickOption(page, d.locator('[data-test=field-dealer_id] .el-select__wrapper'), '兰州远航汽车销售服务有限公司')
    for (const [field, value] of [['purchase_date', cst(-30)], ['delivery_date', cst(-28)]] as const) {
      const input = d.locator(`[data-test=field-${field}] input`)
      await input.fill(value)
      await input.press('Enter')
      await expect(input).toHaveValue(value)
    }
    await d.locator('[data-test=field-price_yuan] input').fill('189800')
    await d.locator('[data-test=field-odometer_km] input').fill('1200')
    await pickOption(page, d.locator('[data-test=field-request] .el-select__wrapper'), '更换')
    // Received today by default; the deadlines it sets are shown before saving. A city officer has no city to choose.
    await expect(d.locator('[data-test=field-received_on] input')).toHaveValue(cst(0))
    await expect(d.locator('[data-test=dispute-due-hint]')).toContainText('前答复')
    await expect(d.locator('[data-test=field-city_code]')).toHaveCount(0)
    await d.locator('[data-test=field-complaint] textarea').fill('提车后变速器异响、顿挫，要求换车。')
    await d.locator('[data-test=dialog-save]').click()
    await page.waitForURL(/\/car\/disputes\/\d+$/)
    const url = new URL(page.url()).pathname

    await expect(page.locator('[data-test=dispute-heading]')).toHaveText(/^SB-\d{4}-\d+$/)
    await expect(page.locator('.page-head [data-test=dispute-status]')).toHaveAttribute('data-value', 'open')
    await expect(page.locator('[data-test=deadline-answer] [data-test=deadline]')).toHaveAttribute('data-state', 'left')
    await expect(page.locator('[data-test=deadline-completion] [data-test=deadline]')).toHaveAttribute('data-state', 'left')
    await expect(page.locator('[data-test=dispute-facts]')).toContainText('1M8GDM9AXKP042788')
    await expect(page.locator('[data-test=dispute-facts]')).toContainText('兰州远航汽车销售服务有限公司')

    // A repair visit: a main part of the gearbox replaced on day 3 after delivery.
    await page.getByRole('tab', { name: /维修记录/ }).click()
    await expect(page.locator('[data-test=repairs-empty]')).toBeVisible()
    await page.locator('[data-test=repair-add]').click()
    const r = formDialog(page)
    await expect(r).toBeVisible()
    const date = r.locator('[data-test=field-date] input')
    await date.fill(cst(-25))
    await date.press('Enter')
    await r.locator('[data-test=field-odometer_km] input').fill('800')
    await pickOption(page, r.locator('[data-test=field-kind] .el-select__wrapper'), '更换零部件')
    await pickOption(page, r.locator('[data-test=field-system] .el-select__wrapper'), '变速器')
    // A part replaced on an assembly is named, as Art 20 and 22 need.
    await expect(r.locator('[data-test=repair-part-hint]')).toBeVisible()
    await r.locator('[data-test=field-part] input').fill('齿轮')
    await expect(r.locator('[data-test=repair-part-hint]')).toHaveCount(0)
    await r.locator('[data-test=field-fault_id] input').fill('变速器异响')
    await r.locator('[data-test=field-repair_days] input').fill('3')
    await r.locator('[data-test=field-repairer] input').fill('兰州远航特约维修站')
    await r.locator('[data-test=dialog-save]').click()
    await expect(r).toBeHidden()
    await expect(page.locator('[data-test=repairs] .el-table__body tr')).toHaveCount(1)
    await expect(page.locator('[data-test=repairs]')).toContainText('齿轮')

    // The engine evaluated again: replacement or refund under Art 22, the second version.
    await expect(page.locator('.page-head [data-test=remedy-tag]')).toHaveAttribute('data-value', 'refund_or_replace')
    await page.getByRole('tab', { name: '三包判定' }).click()
    const evaluation = page.locator('[data-test=evaluations]')
    await expect(evaluation.locator('[data-test=evaluation-current]')).toHaveAttribute('data-number', '2')
    await expect(evaluation.locator('[data-test=sanbao-verdict]').first()).toHaveAttribute('data-value', 'refund_or_replace')
    await expect(evaluation.locator('[data-test=sanbao-article][data-article="22"]').first()).toBeVisible()
    await expect(evaluation.locator('[data-test=sanbao-reason][data-code="art22.replacement_within_7_days"]').first()).toHaveAttribute('data-met', 'true')
    const versions = evaluation.locator('[data-test=evaluation-versions] .el-table__body > tbody > tr.el-table__row')
    await expect(versions).toHaveCount(2)
    // A version opens to its decision and the command that reproduces it.
    await versions.nth(1).locator('.el-table__expand-icon').click()
    const version = evaluation.locator('[data-test=evaluation-version]')
    await expect(version.locator('[data-test=evaluation-command]')).toHaveText('longzhi engine sanbao --input case.json')
    await expect(version.locator('[data-test=evaluation-input]')).toContainText('"purchase_date"')
    await expect(version.locator('[data-test=evaluation-input]')).toContainText('"events": []')

    // The seller's answer, within the 10 working days.
    await page.locator('[data-test=step-answer]').click()
    const a = formDialog(page)
    await expect(a.locator('[data-test=field-answered_on] input')).toHaveValue(cst(0))
    await a.locator('[data-test=field-answer] textarea').fill('经销商同意按三包规定为消费者更换同型号新车。')
    await a.locator('[data-test=dialog-save]').click()
    await expect(a).toBeHidden()
    await expect(page.locator('[data-test=deadline-answer] [data-test=deadline]')).toHaveAttribute('data-state', 'done')

    // A mediation that reaches an agreement.
    await page.locator('[data-test=step-mediate]').click()
    const m = formDialog(page)
    await m.locator('[data-test=field-participants] input').fill('消费者、经销商、生产者代表')
    await m.locator('[data-test=field-summary] textarea').fill('三方同意更换同型号新车，消费者不支付使用补偿费。')
    await m.locator('[data-test=step-result-agreement]').click()
    await m.locator('[data-test=dialog-save]').click()
    await expect(m).toBeHidden()
    await page.getByRole('tab', { name: /答复/ }).click()
    await expect(page.locator('[data-test=dispute-answer-text]')).toHaveText('经销商同意按三包规定为消费者更换同型号新车。')
    await expect(page.locator('[data-test=dispute-mediations] [data-test=mediation-result]')).toHaveAttribute('data-value', 'agreement')

    // Closed with its outcome: read-only from then on.
    await page.locator('[data-test=step-close]').click()
    const c = formDialog(page)
    await pickOption(page, c.locator('[data-test=field-outcome] .el-select__wrapper'), '已换车')
    await c.locator('[data-test=field-note] textarea').fill('已于调解后更换新车。')
    await c.locator('[data-test=dialog-save]').click()
    await expect(c).toBeHidden()
    await expect(page.locator('.page-head [data-test=dispute-status]')).toHaveAttribute('data-value', 'closed')
    await expect(page.locator('.page-head [data-test=dispute-outcome]')).toHaveAttribute('data-value', 'replaced')
    for (const button of ['step-answer', 'step-mediate', 'step-close', 'dispute-edit']) await expect(page.locator(`[data-test=${button}]`)).toHaveCount(0)
    await expect(page.locator('[data-test=dispute-outcome-tag]')).toHaveAttribute('data-value', 'replaced')
    for (const action of ['create', 'add_repairs', 'answer', 'mediate', 'close']) await expect(page.locator(`[data-test=timeline] [data-action=${action}]`)).toHaveCount(1)
    await page.getByRole('tab', { name: /维修记录/ }).click()
    await expect(page.locator('[data-test=repair-add]')).toHaveCount(0)
    await expect(page.locator('[data-test=repair-edit]')).toHaveCount(0)

    // The list finds it closed, replaced, answered.
    await page.goto('/car/disputes')
    await page.locator('input[data-test=filter-q]').fill(consumer)
    await page.locator('[data-test=search]').click()
    const row = page.locator('[data-test=list-table] .el-table__body-wrapper tr', { hasText: consumer })
    await expect(row).toHaveCount(1)
    await expect(row.locator('[data-test=dispute-status]')).toHaveAttribute('data-value', 'closed')
    await expect(row.locator('[data-test=remedy-tag]')).toHaveAttribute('data-value', 'refund_or_replace')
    await expect(row.locator('[data-test=answered]')).toBeVisible()
    await row.locator('[data-test=row-view]').click()
    await expect(page).toHaveURL(new RegExp(`${url}$`))
  })
})
