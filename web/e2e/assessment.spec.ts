import type { Locator, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, login, pickOption, test } from './fixtures'

// The assessment of the city governments' quality work (issue 20) on the demo data of
// `longzhi seed --demo`, one year from its creation to a closed remediation, in the browser:
// the province creates next year's assessment of 兰州 and 天水 (one bottom place to remediate),
// imports an indicator system of two indicators (60 points scored by 质量发展处, 40 by 计量处) and
// opens it; 兰州 claims its points with its statements and submits (the results are not published
// to it yet); the province closes the self-evaluation; 质量发展处 (`province`) scores its
// indicator for both cities and sees the provisional ranking, 计量处 (`metrology`) scores its own,
// deducting points from 天水 with the reason; the province publishes and the results page ranks
// 兰州 first and 天水 last, remediating; 天水 writes its remediation report and submits it; the
// province records a follow-up talk (约谈) and closes the remediation.
const stamp = Date.now().toString(36)
const YEAR = new Date().getFullYear() + 1
const LANZHOU = '620100'
const TIANSHUI = '620500'
const DEDUCTION = '社会公用计量标准建标数量不足，扣 10 分。'
/**
 * The two indicators: code, part, name, points, the scoring department, and the scores of 兰州 and
 * 天水 with the comment each deduction needs.
 */
const INDICATORS = [
  { code: 'E2E-1', part: '一、质量工作组织领导', name: `质量工作纳入政府目标考核-${stamp}`, points: 60, department: '质量发展处', scores: [58, 50], comments: ['考核结果运用不够充分，扣 2 分。', '质量工作考核机制尚不健全，扣 10 分。'] },
  { code: 'E2E-2', part: '二、质量基础设施建设', name: `计量基础能力建设-${stamp}`, points: 40, department: '计量处', scores: [40, 30], comments: ['', DEDUCTION] },
] as const

test.describe.configure({ mode: 'serial' })
// The server counts days in China Standard Time; the browser counts them the same way.
test.use({ timezoneId: 'Asia/Shanghai' })

/** The text box of an Element Plus input: the attribute lands on the native element itself. */
function typed(el: Locator): Locator {
  return el.locator('xpath=self::input | self::textarea | .//input | .//textarea').first()
}

/** The OK button of an Element Plus confirmation box. */
async function confirmBox(page: Page): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click()
}

/** The open form dialog. */
const formDialog = (page: Page): Locator => page.locator('.el-dialog.form-dialog').filter({ visible: true })

async function saveDialog(page: Page): Promise<void> {
  const dialog = formDialog(page)
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog).toHaveCount(0)
}

/** A GET of the signed-in browser session (its cookie), for ids and files the pages do not show. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path)
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true)
  return (await res.json()) as T
}

/**
 * The indicator workbook: the template's own column titles (GET …/indicators/template), one row
 * per indicator, each value under the title that names its field.
 */
async function indicatorWorkbook(page: Page, yearId: number): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const res = await page.request.get(`/api/v1/assessment/years/${yearId}/indicators/template`)
  expect(res.ok()).toBe(true)
  const template = new ExcelJS.Workbook()
  await template.xlsx.load(new Uint8Array(await res.body()).buffer)
  const titles = (template.worksheets[0].getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''))
  // 考核部分 指标编号 指标名称 分值 评分规则 佐证材料要求 评分处室 (or their English titles); most specific first.
  const fields: [RegExp, (i: (typeof INDICATORS)[number]) => string | number][] = [
    [/处室|department/i, (i) => i.department],
    [/部分|part/i, (i) => i.part],
    [/编号|code/i, (i) => i.code],
    [/分值|points/i, (i) => i.points],
    [/规则|rule/i, (i) => `按${i.name}完成情况评分`],
    [/佐证|evidence/i, () => '相关文件和工作台账'],
    [/名称|indicator/i, (i) => i.name],
  ]
  const column = titles.map((title) => fields.find(([re]) => re.test(title))?.[1])
  expect(column.filter(Boolean).length, `the template's columns: ${titles.join(', ')}`).toBe(fields.length)
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(template.worksheets[0].name)
  sheet.addRow(titles)
  for (const i of INDICATORS) sheet.addRow(column.map((value) => value?.(i) ?? ''))
  return { name: 'indicators.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await book.xlsx.writeBuffer()) }
}

interface Evaluation {
  id: number
  city_code: string
}
interface Page_<T> {
  items: T[]
}

let yearId = 0
let title = ''

const yearPage = async (page: Page) => {
  await page.goto(`/assessment/years/${yearId}`)
  await expect(page.locator('[data-test=year-heading]')).toHaveText(title)
}
const yearStatus = (page: Page) => page.locator('[data-test=year-head] [data-test=year-status]')

test('the province creates next year’s assessment of 兰州 and 天水, imports two indicators and opens it', async ({ page }) => {
  await login(page, 'province')
  await page.goto('/assessment/years')
  await page.locator('[data-test=year-create]').click()
  const dialog = formDialog(page)
  await typed(dialog.locator('[data-test=year-year]')).fill(String(YEAR))
  await typed(dialog.locator('[data-test=year-year]')).press('Tab')
  title = `${YEAR} 年度质量工作考核（E2E-${stamp}）`
  await typed(dialog.locator('[data-test=year-title]')).fill(title)
  await pickOption(page, dialog.locator('[data-test=year-cities]'), '兰州市')
  await page.locator('.el-popper:visible .el-select-dropdown__item', { hasText: '天水市' }).first().click()
  // Closes the dropdown (Escape would close the dialog too).
  await dialog.locator('.el-dialog__header').click()
  await saveDialog(page)
  await page.waitForURL(/\/assessment\/years\/\d+$/)
  yearId = Number(new URL(page.url()).pathname.split('/').pop())
  await expect(yearStatus(page)).toHaveAttribute('data-value', 'draft')

  // One bottom place remediates.
  await page.locator('[data-test=year-tabs]').getByRole('tab', { name: '考核设置' }).click()
  await page.locator('[data-test=year-settings-edit]').click()
  const bottom = typed(formDialog(page).locator('[data-test=settings-bottom-count]'))
  await bottom.fill('1')
  await bottom.press('Tab')
  await saveDialog(page)

  // The indicator system: the workbook replaces the indicators copied in.
  await page.locator('[data-test=year-tabs]').getByRole('tab', { name: '指标体系' }).click()
  await page.locator('[data-test=indicator-import]').click()
  const importer = page.locator('[data-test=import-dialog]')
  await importer.locator('[data-test=import-file]').setInputFiles(await indicatorWorkbook(page, yearId))
  await importer.locator('[data-test=import-upload]').click()
  await expect(importer.locator('.el-alert--success')).toBeVisible()
  await expect(importer.locator('[data-test=import-errors]')).toHaveCount(0)
  await importer.getByRole('button', { name: '关闭', exact: true }).click()
  await expect(page.locator('[data-test=points-total]')).toHaveAttribute('data-value', '100')
  for (const i of INDICATORS) await expect(page.locator('[data-test=indicator-system]')).toContainText(i.name)

  await page.locator('[data-test=year-open]').click()
  await confirmBox(page)
  await expect(yearStatus(page)).toHaveAttribute('data-value', 'self_evaluation')
})

test('兰州 claims its points with statements and submits; the results are not published to it', async ({ page, consoleWatch }) => {
  await login(page, 'lanzhou')
  const mine = await getJson<Page_<Evaluation>>(page, `/api/v1/assessment/evaluations?year_id=${yearId}`)
  expect(mine.items.map((e) => e.city_code)).toEqual([LANZHOU])
  await page.goto(`/assessment/evaluations/${mine.items[0].id}`)
  await typed(page.locator('[data-test=eval-targets]')).fill('全面落实质量强省战略，质量工作纳入政府目标考核，计量基础能力稳步提升。')
  for (const i of INDICATORS) {
    await typed(page.locator(`[data-test="claim-${i.code}"]`)).fill(String(i.points))
    await typed(page.locator(`[data-test="claim-${i.code}"]`)).press('Tab')
    await typed(page.locator(`[data-test="statement-${i.code}"]`)).fill(`${i.name}：已完成，见附件。`)
  }
  await expect(page.locator('[data-test=claimed-total]')).toHaveText('100')
  await page.locator('[data-test=eval-submit]').click()
  await confirmBox(page)
  await expect(page.locator('[data-test=evaluation-head] [data-test=evaluation-status]')).toHaveAttribute('data-value', 'submitted')

  await page.goto(`/assessment/years/${yearId}/results`)
  await expect(page.locator('[data-test=results-not-published]')).toBeVisible()
  await expect(page.locator('[data-test=ranking-table]')).toHaveCount(0)
  // The browser logs the refused results (403 assessment.not_published).
  consoleWatch.errors = consoleWatch.errors.filter((e) => !/status of 403/.test(e))
})

test('the province closes the self-evaluation', async ({ page }) => {
  await login(page, 'province')
  await yearPage(page)
  await page.locator('[data-test=year-close]').click()
  await confirmBox(page)
  await expect(yearStatus(page)).toHaveAttribute('data-value', 'scoring')
})

/** Scores one indicator for both cities on the scoring page, as its department. */
async function scoreIndicator(page: Page, indicator: (typeof INDICATORS)[number]): Promise<void> {
  await page.goto(`/assessment/scoring?year_id=${yearId}`)
  await expect(page.locator(`[data-test=scoring-indicator-group][data-code="${indicator.code}"]`)).toBeVisible()
  for (const [n, city] of [LANZHOU, TIANSHUI].entries()) {
    const score = typed(page.locator(`[data-test="score-${city}-${indicator.code}"]`))
    await score.fill(String(indicator.scores[n]))
    await score.press('Tab')
    if (indicator.comments[n]) await typed(page.locator(`[data-test="comment-${city}-${indicator.code}"]`)).fill(indicator.comments[n])
  }
  await page.locator('[data-test=scores-save]').click()
  await expect(page.locator('.el-message--success')).toBeVisible()
}

test('质量发展处 scores its indicator for both cities and sees the provisional ranking', async ({ page }) => {
  await login(page, 'province')
  const [quality, metrology] = INDICATORS
  await scoreIndicator(page, quality)
  // The province sees 计量处's indicator too, but it is not the province's to score.
  await expect(page.locator(`[data-test=scoring-indicator-group][data-code="${metrology.code}"]`)).toBeVisible()
  await expect(page.locator(`[data-test="score-${TIANSHUI}-${metrology.code}"]`)).toHaveCount(0)

  await page.goto(`/assessment/years/${yearId}/results`)
  await expect(page.locator('[data-test=results-provisional]')).toBeVisible()
  await expect(page.locator('[data-test=results-state]')).toHaveAttribute('data-value', 'provisional')
  await expect(page.locator('[data-test=results-notification]')).toHaveCount(0)
})

test('计量处 scores its indicator, deducting points from 天水 with the reason', async ({ page }) => {
  await login(page, 'metrology')
  const [quality, metrology] = INDICATORS
  await scoreIndicator(page, metrology)
  // A department sees its own indicators only.
  await expect(page.locator(`[data-test=scoring-indicator-group][data-code="${quality.code}"]`)).toHaveCount(0)
})

test('the province publishes: 兰州 ranks first, 天水 last and remediates', async ({ page }) => {
  await login(page, 'province')
  await yearPage(page)
  await page.locator('[data-test=year-publish]').click()
  await confirmBox(page)
  await expect(yearStatus(page)).toHaveAttribute('data-value', 'published')

  await page.locator('[data-test=year-results]').click()
  await page.waitForURL(new RegExp(`/assessment/years/${yearId}/results$`))
  await expect(page.locator('[data-test=results-state]')).toHaveAttribute('data-value', 'published')
  await expect(page.locator('[data-test=results-provisional]')).toHaveCount(0)
  const cities = page.locator('[data-test=ranking-table] [data-test=ranking-city]')
  await expect(cities).toHaveCount(2)
  await expect(cities.nth(0)).toHaveAttribute('data-city', LANZHOU)
  await expect(cities.nth(1)).toHaveAttribute('data-city', TIANSHUI)
  const total = (n: number) => String(INDICATORS.reduce((s, i) => s + i.scores[n], 0))
  await expect(page.locator(`[data-test=ranking-total-${LANZHOU}]`)).toHaveText(total(0))
  await expect(page.locator(`[data-test=ranking-total-${TIANSHUI}]`)).toHaveText(total(1))
  const tianshui = page.locator('[data-test=ranking-table] .el-table__row').nth(1)
  await expect(tianshui.locator('[data-test=ranking-remediation]')).toBeVisible()
  await expect(page.locator('[data-test=ranking-table] .el-table__row').nth(0).locator('[data-test=ranking-remediation]')).toHaveCount(0)
  await expect(page.locator('[data-test=grades-chart]')).toBeVisible()
  await expect(page.locator('[data-test=results-map]')).toBeVisible()

  // 天水's weak indicator: 计量处's, below the province mean, with the reason.
  await page.locator('[data-test=city-select]').click()
  await page.locator('.el-popper:visible .el-select-dropdown__item', { hasText: '天水市' }).click()
  const weak = page.locator(`[data-test=city-indicators][data-city="${TIANSHUI}"] [data-test=weak-table]`)
  await expect(weak).toContainText(INDICATORS[1].name)
  await expect(weak).toContainText(DEDUCTION)

  // The 通报, once published.
  const download = page.waitForEvent('download')
  await page.locator('[data-test=results-notification]').click()
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/)
})

/** The year's one remediation (天水's) from the remediation list, filtered by the year as the results page links it. */
async function openRemediation(page: Page): Promise<void> {
  await page.goto(`/assessment/remediations?year_id=${yearId}`)
  const open = page.locator('[data-test=list-table] [data-test=remediation-open]')
  await expect(open).toHaveCount(1)
  await expect(open).toHaveAttribute('data-city', TIANSHUI)
  await open.click()
  await page.waitForURL(/\/assessment\/remediations\/\d+$/)
}

test('天水 writes its remediation report and submits it', async ({ page }) => {
  await login(page, 'tianshui')
  await openRemediation(page)
  await expect(page.locator('[data-test=remediation-head] [data-test=tag-remediation]')).toHaveAttribute('data-value', 'open')
  await expect(page.locator('[data-test=remediation-head] [data-test=tag-reason]')).toHaveAttribute('data-value', 'bottom')

  await typed(page.locator('[data-test=report-text]')).fill('一、新建社会公用计量标准 3 项；二、建立计量基础能力建设台账，按季度调度；三、纳入市政府年度督查事项。')
  await page.locator('[data-test=attachment-input]').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
  await expect(page.locator('[data-test=attachment-upload] .files li')).toHaveCount(1)
  await page.locator('[data-test=report-submit]').click()
  await confirmBox(page)
  await expect(page.locator('[data-test=remediation-head] [data-test=tag-remediation]')).toHaveAttribute('data-value', 'submitted')
  await expect(page.locator('[data-test=report-body]')).toContainText('新建社会公用计量标准')
})

test('the province records a follow-up talk and closes the remediation', async ({ page }) => {
  await login(page, 'province')
  await openRemediation(page)
  await expect(page.locator('[data-test=remediation-report] [data-test=attachments] li')).toHaveCount(1)

  await page.locator('[data-test=remediation-talk]').click()
  const talk = formDialog(page)
  await typed(talk.locator('[data-test=talk-participants]')).fill('省市场监管局副局长、天水市人民政府分管副市长')
  await typed(talk.locator('[data-test=talk-summary]')).fill('指出计量基础能力建设滞后，要求一个月内完成整改并报送整改报告。')
  await saveDialog(page)
  await expect(page.locator('[data-test=talks-table] .el-table__row')).toHaveCount(1)

  await page.locator('[data-test=remediation-review]').click()
  const review = formDialog(page)
  await review.locator('[data-test=review-close]').click()
  await typed(review.locator('[data-test=review-note]')).fill('整改措施到位，同意销号。')
  await saveDialog(page)
  await expect(page.locator('[data-test=remediation-head] [data-test=tag-remediation]')).toHaveAttribute('data-value', 'closed')
  await expect(page.locator('[data-test=remediation-review]')).toHaveCount(0)
})
