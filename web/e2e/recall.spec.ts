import type { Locator, Page } from '@playwright/test'
import { expect, login, logout, pickOption, test } from './fixtures'

// Product recalls (docs/guide/recall.md) on the demo data of `longzhi seed --demo`, from the
// planted 迅驰 XC-20000 × fire signal of the injury register to a public recall notice:
// (a) the province assesses the risk of the register entry, step by step, and keeps the assessment;
// (b) the province opens an investigation from the same entry, the producer's credit code taken
//     from its defect reports, and notifies the producer;
// (c) the producer (迅驰科技, user `producer`) files its defect analysis;
// (d) the province assigns an expert (the one with a declared conflict with 迅驰 is not offered);
// (e) the expert gives an opinion; the province concludes "defect" and orders a recall;
// (f) the producer completes the recall plan; the province publishes it; the producer reports
//     progress; the public recall pages show it without login.
test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
let investigationUrl = ''
let recallUrl = ''
let recallCode = ''

/** The visible form dialog. */
const dialog = (page: Page): Locator => page.locator('.el-dialog.form-dialog').filter({ visible: true })

/** The register entry of the planted signal. */
async function plantedEntry(page: Page): Promise<Locator> {
  await page.goto('/injury/register')
  await page.locator('input[data-test=filter-q]').fill('XC-20000')
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__body-wrapper tr', { hasText: '迅驰 XC-20000' }).filter({ hasText: '起火' })
  await expect(row).toHaveCount(1)
  return row
}

/** Runs a step of a detail page through its dialog: the choice, the text, save. */
async function step(page: Page, name: string, text?: string, choice?: string): Promise<void> {
  await page.locator(`[data-test=step-${name}]`).click()
  const d = dialog(page)
  await expect(d).toBeVisible()
  if (choice) await d.locator(`[data-test=step-choice-${choice}]`).click()
  if (text) await d.locator('textarea[data-test=step-text]').fill(text)
  await d.locator('[data-test=dialog-save]').click()
  await expect(d).toBeHidden()
}

const stage = (page: Page) => page.locator('.page-head [data-test=stage-tag]')

async function as(page: Page, username: string, url: string): Promise<void> {
  await logout(page)
  await login(page, username)
  await page.goto(url)
}

test('the province assesses the risk of the planted 迅驰 XC-20000 × fire signal step by step', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  const row = await plantedEntry(page)
  await row.locator('[data-test=register-assess]').click()
  await page.waitForURL(/\/recall\/assessments\/new\?/)
  const url = new URL(page.url())
  expect(url.searchParams.get('signal_id')).toMatch(/^\d+$/)
  expect(url.searchParams.get('brand')).toBe('迅驰')
  expect(url.searchParams.get('model')).toBe('XC-20000')
  await expect(page.locator('[data-test=assessment-signal]')).toBeVisible()
  await expect(page.locator('input[data-test=assessment-title]')).toHaveValue('迅驰 XC-20000 起火')
  await page.locator('input[data-test=assessment-title]').fill(`迅驰 XC-20000 充电起火 ${stamp}`)

  const scenario = page.locator('[data-test=scenario]').first()
  await pickOption(page, scenario.locator('[data-test=scenario-severity] .el-select__wrapper'), /^4/)
  await scenario.locator('input[data-test=scenario-consumer]').fill('家庭用户')
  const steps = [
    ['用户将移动电源整夜充电', '1/2'],
    ['电芯存在内部短路缺陷', '1/1000'],
    ['起火时无人及时发现', '1/1000'],
  ]
  for (const [k, [what, p]] of steps.entries()) {
    if (k > 0) await scenario.locator('[data-test=step-add]').click()
    const s = scenario.locator('[data-test=step]').nth(k)
    await s.locator('input[data-test=step-description]').fill(what)
    await s.locator('input[data-test=step-probability]').fill(p)
  }
  // The engine's answer, live: 1/2 × 1/1000 × 1/1000 = 1/2 000 000, so the last step brings a
  // severity-4 scenario from serious down to low.
  const preview = page.locator('[data-test=assessment-preview]')
  await expect(preview.locator('[data-test=risk-product-level]')).toHaveAttribute('data-value', 'low')
  const changed = preview.locator('[data-test=risk-step][data-changed=true]')
  await expect(changed).toHaveCount(1)
  await expect(preview.locator('[data-test=risk-step]').nth(2)).toContainText('1/2000000')
  await expect(preview.locator('[data-test=assessment-command]')).toContainText('longzhi engine risk')
  // A probability the engine does not read is flagged where it is typed.
  await scenario.locator('[data-test=step] input[data-test=step-probability]').nth(2).fill('3/2')
  await expect(scenario.locator('[data-test=step]').nth(2)).toContainText('请填写 0 到 1 之间的概率')
  await scenario.locator('[data-test=step] input[data-test=step-probability]').nth(2).fill('1/1000')
  await expect(preview.locator('[data-test=risk-product-level]')).toHaveAttribute('data-value', 'low')

  await page.locator('[data-test=assessment-save]').click()
  await page.waitForURL(/\/recall\/assessments\/\d+$/)
  await expect(page.locator('[data-test=assessment-heading]')).toHaveText(`迅驰 XC-20000 充电起火 ${stamp}`)
  await expect(page.locator('[data-test=risk-result] [data-test=risk-step][data-changed=true]')).toHaveCount(1)

  // The register entry names the assessment it became.
  const entry = await plantedEntry(page)
  await expect(entry.locator('[data-test=register-follow-up-ref]')).toHaveText(/^RA-\d{4}-\d+$/)
})

test('the province opens an investigation from the register entry and notifies the producer', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  const row = await plantedEntry(page)
  await row.locator('[data-test=register-investigate]').click()
  await page.waitForURL(/\/recall\/investigations/)
  const d = dialog(page)
  await expect(d.locator('[data-test=investigation-signal]')).toBeVisible()
  await expect(d.locator('input[data-test=investigation-brand]')).toHaveValue('迅驰')
  await expect(d.locator('input[data-test=investigation-model]')).toHaveValue('XC-20000')
  // The producer and the category come from the signal's defect reports.
  await expect(d.locator('input[data-test=investigation-producer-code]')).toHaveValue(/^[0-9A-Z]{18}$/)
  await expect(d.locator('[data-test=investigation-category]')).toContainText('移动电源')
  await expect(d.locator('[data-test=investigation-hazard]')).toContainText('起火')
  await d.locator('input[data-test=investigation-title]').fill(`迅驰 XC-20000 移动电源起火缺陷调查 ${stamp}`)
  await d.locator('textarea[data-test=investigation-description]').fill('90 天内 40 起同型号移动电源充电起火报告。')
  await d.locator('[data-test=dialog-save]').click()
  await page.waitForURL(/\/recall\/investigations\/\d+$/)
  investigationUrl = new URL(page.url()).pathname

  await expect(page.locator('[data-test=investigation-heading]')).toHaveText(`迅驰 XC-20000 移动电源起火缺陷调查 ${stamp}`)
  await expect(stage(page)).toHaveAttribute('data-value', 'opened')
  await expect(page.locator('[data-test=investigation-due]')).toBeVisible()
  await expect(page.locator('[data-test=investigation-info]')).toContainText('迅驰科技有限公司')
  // Only the steps the stage allows.
  await expect(page.locator('[data-test=step-notify]')).toBeVisible()
  await expect(page.locator('[data-test=step-conclude]')).toHaveCount(0)
  await step(page, 'notify', '请于 15 日内提交缺陷分析报告')
  await expect(stage(page)).toHaveAttribute('data-value', 'notified')
  await expect(page.locator('[data-test=timeline] [data-action=notify]')).toBeVisible()

  const entry = await plantedEntry(page)
  await expect(entry.locator('[data-test=register-follow-up-ref]')).toHaveText(/^DI-\d{4}-\d+$/)
})

test('the producer files its analysis; an expert without a conflict is assigned and gives an opinion', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'producer')
  await page.goto(investigationUrl)
  await expect(stage(page)).toHaveAttribute('data-value', 'notified')
  // The producer files its analysis and nothing else.
  await expect(page.locator('[data-test=step-notify]')).toHaveCount(0)
  await step(page, 'analysis', 'XC-20000 2025 年 6 月批次电芯隔膜厚度不足，充电末期可能内部短路；涉及约 5 000 台。')
  await expect(stage(page)).toHaveAttribute('data-value', 'analysed')
  await expect(page.locator('[data-test=investigation-analysis]')).toContainText('隔膜厚度不足')

  await as(page, 'province', investigationUrl)
  await page.locator('[data-test=step-assign]').click()
  const d = dialog(page)
  const experts = d.locator('[data-test=assign-experts]')
  await expect(experts).toContainText('王建国')
  // 张志强 declared a conflict with 迅驰.
  await expect(experts).not.toContainText('张志强')
  await experts.locator('.el-checkbox', { hasText: '王建国' }).click()
  await d.locator('[data-test=dialog-save]').click()
  await expect(d).toBeHidden()
  await expect(stage(page)).toHaveAttribute('data-value', 'expert_review')
  // No conclusion before an opinion.
  await expect(page.locator('[data-test=investigation-reviews]')).toContainText('王建国')

  await as(page, 'expert', investigationUrl)
  await step(page, 'opinion', '隔膜厚度不符合 GB 31241 要求，充电时可能热失控起火，认定存在缺陷。', 'true')
  await expect(page.locator('[data-test=investigation-reviews] [data-test=review-defect]')).toHaveAttribute('data-value', 'true')
})

test('the province concludes a defect and orders the recall; the producer completes the plan', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  await page.goto(investigationUrl)
  await step(page, 'conclude', 'XC-20000 电芯隔膜厚度不足，存在充电起火的危及人身安全的缺陷。', 'defect')
  await expect(stage(page)).toHaveAttribute('data-value', 'defect')
  await step(page, 'order', '请立即停止销售并完善召回计划')
  await expect(stage(page)).toHaveAttribute('data-value', 'recall_ordered')
  await expect(page.locator('[data-test=investigation-steps] [data-key=recall_ordered]')).toBeVisible()
  await page.locator('[data-test=investigation-recall]').click()
  await page.waitForURL(/\/recall\/recalls\/\d+$/)
  recallUrl = new URL(page.url()).pathname
  recallCode = (await page.locator('[data-test=recall-code]').textContent()) ?? ''
  expect(recallCode).toMatch(/^RC-\d{4}-\d+$/)
  await expect(page.locator('.page-head [data-test=recall-status]')).toHaveAttribute('data-value', 'draft')

  await as(page, 'producer', recallUrl)
  // The producer completes the plan; publishing is the regulator's.
  await expect(page.locator('[data-test=step-publish]')).toHaveCount(0)
  await page.locator('[data-test=step-edit]').click()
  const d = dialog(page)
  await expect(d.locator('textarea[data-test=plan-models]')).toHaveValue('XC-20000')
  await d.locator('textarea[data-test=plan-batches]').fill('XC2506A\nXC2506B')
  await d.locator('[data-test=plan-quantity] input').fill('5000')
  await pickOption(page, d.locator('[data-test=plan-channels] .el-select__wrapper'), '网络销售')
  await d.locator('.el-dialog__header').click()
  await pickOption(page, d.locator('[data-test=plan-remedy] .el-select__wrapper'), '退货退款')
  await d.locator('textarea[data-test=plan-consumer-action]').fill(`立即停止使用并停止充电，凭购买凭证到原购买渠道办理退款。${stamp}`)
  await d.locator('input[data-test=plan-contact]').fill('400-800-2000')
  const ends = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
  const endsOn = d.locator('[data-test=field-ends_on] input')
  await endsOn.fill(ends)
  await endsOn.press('Enter')
  await d.locator('.el-dialog__header').click()
  await d.locator('[data-test=dialog-save]').click()
  await expect(d).toBeHidden()
  await expect(page.locator('[data-test=recall-plan]')).toContainText('XC2506A')
})

test('the province publishes the recall, the producer reports progress, the public sees the notice', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  await page.goto(recallUrl)
  await page.locator('[data-test=step-publish]').click()
  await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click()
  await expect(page.locator('.page-head [data-test=recall-status]')).toHaveAttribute('data-value', 'published')

  await as(page, 'producer', recallUrl)
  await page.locator('[data-test=step-progress]').click()
  const d = dialog(page)
  const channel = d.locator('[data-test=progress-channel]').first()
  await expect(channel).toContainText('网络销售')
  await channel.locator('[data-test=progress-notified] input').fill('1000')
  await channel.locator('[data-test=progress-corrected] input').fill('400')
  await d.locator('textarea[data-test=progress-note]').fill('已通过电商平台站内信通知购买者。')
  await d.locator('[data-test=dialog-save]').click()
  await expect(d).toBeHidden()
  await expect(page.locator('[data-test=recall-reports] tbody tr')).toHaveCount(1)
  await expect(page.locator('[data-test=recall-reports]')).toContainText('8.0%')
  await expect(page.locator('[data-test=recall-rate-chart]')).toBeVisible()
  await expect(page.locator('[data-test=recall-channel-chart]')).toBeVisible()

  // The public, without an account.
  await logout(page)
  await page.goto(`/public/recalls?q=${encodeURIComponent('XC-20000')}`)
  const card = page.locator(`[data-test=public-recall-card][data-code="${recallCode}"]`)
  await expect(card).toBeVisible()
  await expect(card).toContainText('迅驰科技有限公司')
  await expect(page.locator('[data-test=portal-feed]')).toHaveAttribute('href', '/feeds/recalls.atom')
  await card.locator('[data-test=public-recall-link]').click()
  await page.waitForURL(new RegExp(`/public/recalls/${recallCode}$`))
  await expect(page.locator('[data-test=public-recall-code]')).toHaveText(recallCode)
  await expect(page.locator('[data-test=public-recall-models]')).toHaveText('XC-20000')
  await expect(page.locator('[data-test=public-recall-action]')).toContainText(stamp)

  // Readable on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 740 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)

  // The Atom feed lists it.
  const feed = await page.request.get('/feeds/recalls.atom')
  expect(feed.ok()).toBe(true)
  expect(await feed.text()).toContain(recallCode)
})
