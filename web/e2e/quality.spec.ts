import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, login, pickOption, test } from './fixtures'

// Quality monitoring (docs/guide/quality.md) on the demo data of `longzhi seed --demo`:
// (a) a collection round from opening to approval — the province opens a round of a new framework
//     for last year for 兰州 and 天水, 兰州 fills in, saves and submits, the province approves;
// (b) the analysis page of the demo's 甘肃省质量发展指数 for last year: the ranking equals the
//     API's (the engine's) figures, the map labels every city, a city's profile.
const stamp = Date.now().toString(36)
const lastYear = new Date().getFullYear() - 1
const codes = ['a', 'b', 'c'].map((x) => `e${stamp}${x}`)
const frameworkName = `E2E测试体系-${stamp}`
const comment = '统计口径调整，数据经复核'

test.describe.configure({ mode: 'serial' })

let roundId = 0

/** An API session of a demo user (cookie and CSRF token) for the set-up. */
async function apiAs(request: APIRequestContext, username: string): Promise<(path: string, body: unknown) => Promise<unknown>> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  const { csrf_token } = (await res.json()) as { csrf_token: string }
  return async (path, body) => {
    const r = await request.post(path, { data: body, headers: { 'X-CSRF-Token': csrf_token } })
    expect(r.ok(), `${path}: ${await r.text()}`).toBe(true)
    return r.json()
  }
}

/** The OK button of an Element Plus confirmation box. */
async function confirmBox(page: Page): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click()
}

const submissionRow = (page: Page, city: string): Locator => page.locator('[data-test=submission-table] .el-table__body tr', { hasText: city })

test('the province sets up a framework of three new indicators through the API', async ({ request }) => {
  const post = await apiAs(request, 'province')
  // The API test's framework (crates/longzhi/tests/api/quality.rs `framework()`) over new codes.
  const ranges: [number, number, number][] = [[1, 0, 100], [-1, 0, 50], [1, 0, 1000]]
  for (const [i, code] of codes.entries()) {
    const [direction, min_value, max_value] = ranges[i]
    await post('/api/v1/quality/indicators', { code, name: `测试指标${code}`, unit: '%', direction, min_value, max_value })
  }
  const fw = (await post('/api/v1/quality/frameworks', {
    code: `E${stamp}`, name: frameworkName, normalisation: 'minmax', aggregation: 'arithmetic', weighting: 'given', imputation: 'none',
    weight_noise: 0.2, mc_runs: 100, change_threshold: 0.3,
    nodes: [
      { code: 'R', name: '根' },
      { code: 'D1', name: '维度一', parent_code: 'R' },
      { code: 'D2', name: '维度二', parent_code: 'R' },
      { code: codes[0], parent_code: 'D1', indicator: true },
      { code: codes[1], parent_code: 'D1', indicator: true, weight: 2 },
      { code: codes[2], parent_code: 'D2', indicator: true },
    ],
  })) as { id: number }
  const published = (await post(`/api/v1/quality/frameworks/${fw.id}/publish`, {})) as { status: string }
  expect(published.status).toBe('published')
})

test('the province opens a round for last year for 兰州 and 天水', async ({ page }) => {
  await login(page, 'province')
  await page.goto('/quality/rounds')
  await page.locator('[data-test=tb-open-round]').click()
  const dialog = page.locator('.el-dialog.form-dialog').filter({ visible: true })
  await pickOption(page, dialog.locator('[data-test=field-framework_id] .el-select__wrapper'), frameworkName)
  const year = dialog.locator('[data-test=round-year] input')
  await year.fill(String(lastYear))
  await year.press('Tab')
  // The title follows the framework and the year.
  await expect(dialog.locator('[data-test=field-title] input')).toHaveValue(`${lastYear}年度${frameworkName}数据采集`)
  // Every city is addressed by default: keep 兰州 and 天水 only.
  await expect(dialog.locator('[data-test=field-region_codes]')).toContainText('17')
  await dialog.locator('[data-test=round-cities-none]').click()
  for (const [city, typed] of [['兰州市', '兰州'], ['天水市', '天水']]) {
    await pickOption(page, dialog.locator('[data-test=field-region_codes] .el-select__wrapper'), city, typed)
    // Closes the choices (a click beside the select, as a user does).
    await dialog.locator('.el-dialog__header').click()
    await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
  }
  await expect(dialog.locator('[data-test=field-region_codes]')).toContainText('2')
  await dialog.locator('[data-test=dialog-save]').click()

  // The new round opens on its page with a submission per city.
  await page.waitForURL(/\/quality\/rounds\/\d+$/)
  roundId = Number(/\/quality\/rounds\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1])
  expect(roundId).toBeGreaterThan(0)
  await expect(page.locator('[data-test=round-heading]')).toHaveText(`${lastYear}年度${frameworkName}数据采集`)
  await expect(page.locator('[data-test=submission-table] .el-table__body tr')).toHaveCount(2)
  for (const city of ['兰州市', '天水市']) await expect(submissionRow(page, city).locator('[data-test=tag-submission]')).toHaveAttribute('data-value', 'draft')
})

test('兰州 fills in its submission with a comment, saves and submits it', async ({ page }, testInfo) => {
  expect(roundId).toBeGreaterThan(0)
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'lanzhou')
  await page.goto(`/quality/rounds/${roundId}`)
  // A city sees its own submission only.
  await expect(page.locator('[data-test=submission-table] .el-table__body tr')).toHaveCount(1)
  await submissionRow(page, '兰州市').locator('[data-test=submission-open]').click()
  await page.waitForURL(/\/quality\/submissions\/\d+$/)
  await expect(page.locator('[data-test=submission-heading]')).toContainText('兰州市')
  await expect(page.locator('[data-test=line-group]')).toHaveCount(2)

  for (const [code, value] of [[codes[0], '62.5'], [codes[1], '12'], [codes[2], '345']]) {
    const input = page.locator(`[data-test=line-value-${code}] input`)
    await input.fill(value)
    await input.press('Tab')
  }
  await page.locator(`input[data-test=line-note-${codes[2]}]`).fill(comment)
  await expect(page.locator('[data-test=submission-filled]')).toContainText('3/3')
  await page.locator('[data-test=submission-save]').click()
  await expect(page.locator('.el-message--success')).toBeVisible()
  await expect(page.locator('[data-test=timeline] [data-action=saved]')).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('submission-1440.png') })

  await page.locator('[data-test=submission-submit]').click()
  await confirmBox(page)
  await expect(page.locator('[data-test=submission-head] [data-test=tag-submission]')).toHaveAttribute('data-value', 'submitted')
  // Submitted: read-only until the province reviews it.
  await expect(page.locator('[data-test=submission-save]')).toHaveCount(0)
  await expect(page.locator(`[data-test=line-value-${codes[0]}]`)).toHaveText('62.5')
  await expect(page.locator('[data-test=timeline] [data-action=submitted]')).toHaveCount(1)
})

test('the province approves 兰州’s submission', async ({ page }) => {
  expect(roundId).toBeGreaterThan(0)
  await login(page, 'province')
  await page.goto(`/quality/rounds/${roundId}`)
  const row = submissionRow(page, '兰州市')
  await expect(row.locator('[data-test=tag-submission]')).toHaveAttribute('data-value', 'submitted')
  await row.locator('[data-test=submission-open]').click()
  await page.waitForURL(/\/quality\/submissions\/\d+$/)
  await expect(page.locator(`[data-test=line-value-${codes[2]}]`)).toHaveText('345')
  await expect(page.locator(`[data-test=line-${codes[2]}]`).locator('xpath=ancestor::tr')).toContainText(comment)

  await page.locator('[data-test=submission-approve]').click()
  await confirmBox(page)
  await expect(page.locator('[data-test=submission-head] [data-test=tag-submission]')).toHaveAttribute('data-value', 'approved')
  await expect(page.locator('[data-test=timeline] [data-action=approved]')).toHaveCount(1)

  await page.goto(`/quality/rounds/${roundId}`)
  await expect(submissionRow(page, '兰州市').locator('[data-test=tag-submission]')).toHaveAttribute('data-value', 'approved')
  await expect(submissionRow(page, '天水市').locator('[data-test=tag-submission]')).toHaveAttribute('data-value', 'draft')
})

/** The map's labels (GansuMap: prefectures without 市, the autonomous prefectures short, the special areas whole). */
const LABELS = ['兰州', '嘉峪关', '金昌', '白银', '天水', '武威', '张掖', '平凉', '酒泉', '庆阳', '定西', '陇南', '临夏州', '甘南州', '兰州新区', '甘肃矿区', '东风场区']

interface Unit {
  unit: string
  rank: number
  scores: Record<string, number>
}

test('the analysis of the quality development index for last year ranks the 17 cities as the engine does', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await login(page, 'province')
  const frameworks = (await (await page.request.get('/api/v1/quality/frameworks')).json()) as { id: number; code: string; status: string }[]
  const qdi = frameworks.find((f) => f.code === 'QDI' && f.status === 'published')
  expect(qdi).toBeTruthy()
  const res = await page.request.get(`/api/v1/quality/analysis?framework_id=${qdi!.id}&year=${lastYear}`)
  expect(res.ok()).toBe(true)
  const analysis = (await res.json()) as { root: string; engine: { units: Unit[] } }
  const first = [...analysis.engine.units].sort((a, b) => a.rank - b.rank)[0]

  // The page opens on the framework and the year of the latest closed round: QDI, last year.
  await page.goto('/quality/analysis')
  await expect(page.locator('[data-test=analysis-year]')).toContainText(String(lastYear))
  await expect(page).toHaveURL(new RegExp(`framework=${qdi!.id}&year=${lastYear}`))
  const rows = page.locator('[data-test=ranking-table] .el-table__body tr')
  await expect(rows).toHaveCount(17)
  await expect(rows.first().locator('[data-test=ranking-rank]')).toHaveText('1')
  await expect(rows.first().locator('[data-test=ranking-city]')).toHaveAttribute('data-code', first.unit)
  await expect(rows.first().locator('[data-test=ranking-score]')).toHaveText(first.scores[analysis.root].toFixed(2))

  // The map labels all 17 city-level regions.
  const map = page.locator('[data-test=gansu-map]')
  await expect(map.locator('svg')).toBeVisible()
  await expect.poll(async () => {
    const texts = await map.locator('svg text').allTextContents()
    return LABELS.filter((l) => texts.some((x) => x.trim() === l)).length
  }).toBe(17)

  // Selecting a city shows its profile: the sentence, the radar and the contributions.
  const baiyin = rows.filter({ has: page.locator('[data-test=ranking-city][data-code="620400"]') })
  await baiyin.click()
  const profile = page.locator('[data-test=city-profile]')
  await expect(profile).toHaveAttribute('data-city', '620400')
  await expect(page).toHaveURL(/city=620400/)
  await expect(profile.locator('[data-test=city-sentence]')).toContainText('白银市')
  await expect(profile.locator('[data-test=city-sentence]')).toContainText('最强项')
  await expect(profile.locator('[data-test=city-radar] canvas')).toBeVisible()
  await expect(profile.locator('[data-test=city-contributions] canvas')).toBeVisible()
  await expect(page.locator('[data-test=trend-chart] canvas')).toBeVisible()
  await expect(page.locator('[data-test=reproduce-command]')).toHaveText(/longzhi engine index --data data\.csv --framework framework\.toml --mc \d+ --seed 0/)
  await page.locator('[data-test=ranking-table]').scrollIntoViewIfNeeded()
  await page.screenshot({ path: testInfo.outputPath('analysis-1440.png') })
})
