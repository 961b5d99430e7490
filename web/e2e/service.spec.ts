import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, login, pickOption, test } from './fixtures'

// Service-quality monitoring (issue 18) on the demo data of `longzhi seed --demo`:
// (1) a round from design to the published index — the province creates a questionnaire from the
//     ACSI template and activates it, starts a round with a small quota (兰州 and 天水, one
//     service) and opens it; 40 plausible responses are sent through the API (the PLS model wants
//     some 30 valid ones; typing them in would only repeat one form) and one straight-lined
//     questionnaire is typed in the browser; the province closes fieldwork, computes the PLS model
//     (following the job), publishes, and the results page shows the index the API answers, the
//     two cities ranked, the model and the excluded response; 兰州 then sees the province's results;
// (2) a remediation task closed — the province assigns a task on a published demo round to 兰州's
//     bureau, 兰州 submits its evidence, the province returns it with a comment, 兰州 completes it,
//     the province accepts it;
// (3) a major event handled together — 兰州 reports it, acts and resolves, the province assesses.
const stamp = Date.now().toString(36)
const surveyCode = `E2E_${stamp}`
const surveyName = `E2E满意度问卷-${stamp}`
const LANZHOU = '620100'
const TIANSHUI = '620500'
/** Respondents per city (the PLS model wants some 30 valid responses or more). */
const PER_CITY = 20

test.describe.configure({ mode: 'serial' })
// The server counts days in China Standard Time; the browser counts them the same way.
test.use({ timezoneId: 'Asia/Shanghai' })

/** A date `days` from today in China Standard Time. */
const cst = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

interface Api {
  get: <T>(path: string) => Promise<T>
  post: <T>(path: string, body: unknown) => Promise<T>
}

/** An API session of a demo user (cookie and CSRF token), for the set-up and the checks. */
async function apiAs(request: APIRequestContext, username: string): Promise<Api> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } })
  expect(res.ok()).toBe(true)
  const { csrf_token } = (await res.json()) as { csrf_token: string }
  return {
    get: async <T>(path: string) => {
      const r = await request.get(path)
      expect(r.ok(), `${path}: ${await r.text()}`).toBe(true)
      return (await r.json()) as T
    },
    post: async <T>(path: string, body: unknown) => {
      const r = await request.post(path, { data: body, headers: { 'X-CSRF-Token': csrf_token } })
      expect(r.ok(), `${path}: ${await r.text()}`).toBe(true)
      return (await r.json()) as T
    },
  }
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

/** Types a date into an Element Plus date picker and confirms it. */
async function setDate(scope: Locator, value: string): Promise<void> {
  const input = scope.locator('input').first()
  await input.fill(value)
  await input.press('Enter')
  await expect(input).toHaveValue(value)
}

/** A small deterministic generator (mulberry32), so that every run enters the same answers. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Construct {
  code: string
  items: { code: string }[]
}

/**
 * Plausible answers on 1–10 to every item: a respondent's overall mood, each construct near it
 * (complaints the other way), each item near its construct — items of a construct correlate, as
 * the model needs. `city` shifts the mood, so that the two cities differ.
 */
function answers(constructs: readonly Construct[], rnd: () => number, shift: number): Record<string, number> {
  const normal = () => (rnd() + rnd() + rnd() - 1.5) * 1.4
  const mood = 7 + shift + normal()
  const out: Record<string, number> = {}
  for (const c of constructs) {
    const level = c.code === 'CC' ? 11 - mood + normal() * 0.5 : mood + normal() * 0.6
    for (const i of c.items) out[i.code] = Math.min(10, Math.max(1, Math.round(level + normal() * 0.6)))
  }
  return out
}

let roundId = 0
let serviceCode = ''

test('the province creates a questionnaire from the ACSI template and activates it', async ({ page, request }) => {
  const api = await apiAs(request, 'province')
  const services = await api.get<{ code: string; name: string; field: string }[]>('/api/v1/service/services')
  const first = services.find((s) => s.field === 'public') ?? services[0]
  serviceCode = first.code

  await login(page, 'province')
  await page.goto('/service/surveys')
  await page.locator('[data-test=tb-create]').click()
  const dialog = formDialog(page)
  await dialog.locator('[data-test=survey-code] input').fill(surveyCode)
  await dialog.locator('[data-test=survey-name] input').fill(surveyName)
  await saveDialog(page)

  // The draft opens in the editor with the template's six constructs.
  await page.waitForURL(/\/service\/surveys\/\d+$/)
  await expect(page.locator('[data-test=survey-heading]')).toHaveText(surveyName)
  const status = page.locator('[data-test=survey-head] [data-test=tag-survey]')
  await expect(status).toHaveAttribute('data-value', 'draft')
  await page.locator('[data-test=survey-activate]').click()
  await confirmBox(page)
  await expect(status).toHaveAttribute('data-value', 'active')
})

test('the province starts a round with a small quota for 兰州 and 天水 and opens it', async ({ page }) => {
  await login(page, 'province')
  await page.goto('/service/rounds')
  await page.locator('[data-test=tb-create]').click()
  const dialog = formDialog(page)
  await pickOption(page, dialog.locator('[data-test=round-survey]'), surveyName)
  await dialog.locator('[data-test=round-name] input').fill(`${surveyName}-第一轮`)
  // Few resamples: the test waits for the computation.
  const resamples = dialog.locator('[data-test=round-resamples] input')
  await resamples.fill('200')
  await resamples.press('Tab')
  await saveDialog(page)

  await page.waitForURL(/\/service\/rounds\/\d+$/)
  roundId = Number(/\/service\/rounds\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1])
  expect(roundId).toBeGreaterThan(0)
  const status = page.locator('[data-test=round-head] [data-test=tag-round]')
  await expect(status).toHaveAttribute('data-value', 'design')

  await page.getByRole('tab', { name: /样本配额/ }).click()
  for (const city of [LANZHOU, TIANSHUI]) {
    const cell = page.locator(`[data-test=quota-${city}-${serviceCode}] input`)
    await cell.fill(String(PER_CITY))
    await cell.press('Tab')
  }
  await page.locator('[data-test=quota-save]').click()
  await expect(page.locator('[data-test=quota-dirty]')).toHaveCount(0)

  await page.locator('[data-test=round-open-step]').click()
  await confirmBox(page)
  await expect(status).toHaveAttribute('data-value', 'fieldwork')
})

test('40 responses are entered, and one straight-lined in the browser', async ({ page, request }) => {
  expect(roundId).toBeGreaterThan(0)
  const api = await apiAs(request, 'province')
  const round = await api.get<{ survey_id: number }>(`/api/v1/service/rounds/${roundId}`)
  const survey = await api.get<{ constructs: Construct[]; min_seconds: number }>(`/api/v1/service/surveys/${round.survey_id}`)
  const quotas = await api.get<{ id: number; region_code: string; service: string }[]>(`/api/v1/service/rounds/${roundId}/quotas`)
  const rnd = random(18)
  const duration = survey.min_seconds + 240
  for (const [city, shift] of [[LANZHOU, 0.6], [TIANSHUI, -0.6]] as const) {
    const quota = quotas.find((q) => q.region_code === city && q.service === serviceCode)
    expect(quota, city).toBeTruthy()
    for (let i = 0; i < PER_CITY; i++) {
      const r = await api.post<{ flags: string[] }>(`/api/v1/service/rounds/${roundId}/responses`, { quota_id: quota!.id, answers: answers(survey.constructs, rnd, shift), duration_seconds: duration })
      expect(r.flags).toEqual([])
    }
  }

  // A paper questionnaire typed in, every item answered 8: straight-lining, kept but excluded.
  await login(page, 'province')
  await page.goto(`/service/rounds/${roundId}`)
  await page.getByRole('tab', { name: /样本（/ }).click()
  await page.locator('[data-test=tb-create]').click()
  const dialog = page.locator('[data-test=entry-dialog]')
  await expect(dialog).toBeVisible()
  await pickOption(page, dialog.locator('[data-test=entry-quota]'), /兰州市/)
  await dialog.locator('[data-test=entry-measured]').click()
  const seconds = dialog.locator('[data-test=entry-seconds] input')
  await seconds.fill(String(duration))
  await seconds.press('Tab')
  for (const c of survey.constructs) for (const i of c.items) await dialog.locator(`[data-test=answer-${i.code}-8]`).click()
  // The form tells before sending what the server will flag.
  await expect(dialog.locator('[data-test=entry-status] [data-test=tag-flag]')).toHaveAttribute('data-value', 'straight_line')
  await dialog.locator('[data-test=entry-save]').click()
  // Saved, and told so with its flag; the form is blank again for the next respondent.
  await expect(page.locator('.el-message')).toContainText('直线作答')
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('[data-test=list-table] [data-test=tag-flag][data-value=straight_line]')).toHaveCount(1)
})

test('the province closes fieldwork, computes, publishes, and sees the index', async ({ page, request }) => {
  test.setTimeout(180_000)
  expect(roundId).toBeGreaterThan(0)
  await login(page, 'province')
  await page.goto(`/service/rounds/${roundId}`)
  const status = page.locator('[data-test=round-head] [data-test=tag-round]')
  await page.locator('[data-test=round-close]').click()
  await confirmBox(page)
  await expect(status).toHaveAttribute('data-value', 'closed')

  // Not computed yet: the results page says so and offers the computation.
  await page.goto(`/service/rounds/${roundId}/results`)
  await expect(page.locator('[data-test=results-not-computed]')).toBeVisible()
  await expect(page.locator('[data-test=results-publish]')).toHaveCount(0)
  await page.locator('[data-test=results-compute]').click()
  // The job is followed to its end, then the results are shown.
  await expect(page.locator('[data-test=job-progress]')).toHaveAttribute('data-status', 'done', { timeout: 150_000 })
  await expect(page.locator('[data-test=headline-index]')).toBeVisible()

  const api = await apiAs(request, 'province')
  const results = await api.get<{
    n: number
    overall: { index: number; n: number }
    regions: { code: string; index: number; rank?: number | null }[]
    paths: unknown[]
    excluded: Record<string, number>
  }>(`/api/v1/service/rounds/${roundId}/results`)
  expect(results.n).toBe(2 * PER_CITY)
  expect(results.excluded.straight_line).toBe(1)
  await expect(page.locator('[data-test=headline-index]')).toHaveText(results.overall.index.toFixed(1))
  await expect(page.locator('[data-test=headline-n]')).toContainText(String(2 * PER_CITY))
  await expect(page.locator('[data-test=excluded-straight_line]')).toHaveAttribute('data-count', '1')
  // The two cities ranked with their indices, 兰州 (whose respondents were happier) first.
  await expect(page.locator('[data-test=ranking-table] [data-test=ranking-city]')).toHaveCount(2)
  await expect(page.locator('[data-test=ranking-table] [data-test=ranking-city]').first()).toHaveAttribute('data-region', LANZHOU)
  for (const r of results.regions) await expect(page.locator(`[data-test=ranking-index-${r.code}]`)).toHaveText(r.index.toFixed(1))
  // The model's nine paths with their bootstrap intervals, the matrix of what to improve.
  await expect(page.locator('[data-test=model-paths] .el-table__body tr')).toHaveCount(results.paths.length)
  await expect(page.locator('[data-test=model-paths] [data-test=path-significance]').first()).toBeVisible()
  await expect(page.locator('[data-test=ipa-chart]')).toBeVisible()
  await expect(page.locator('[data-test=results-heatmap]')).toBeVisible()
  await expect(page.locator('[data-test=results-map]')).toBeVisible()

  // Published: the 通报 is the published one, and the round is published.
  await page.locator('[data-test=results-publish]').click()
  await confirmBox(page)
  await expect(page.locator('[data-test=results-publish]')).toHaveCount(0)
  await expect(page.locator('.page-head [data-test=tag-round]')).toHaveAttribute('data-value', 'published')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=results-notice]').click()])
  expect(download.suggestedFilename()).toMatch(/\.pdf$/)
})

test('兰州 sees the published results, the province’s index among them', async ({ page }) => {
  expect(roundId).toBeGreaterThan(0)
  await login(page, 'lanzhou')
  await page.goto(`/service/rounds/${roundId}/results`)
  await expect(page.locator('[data-test=headline-index]')).toBeVisible()
  await expect(page.locator('[data-test=results-limited]')).toHaveCount(0)
  await expect(page.locator('[data-test=ranking-table] [data-test=ranking-city]')).toHaveCount(2)
  // A city neither computes nor publishes.
  await expect(page.locator('[data-test=results-compute]')).toHaveCount(0)
  await expect(page.locator('[data-test=results-publish]')).toHaveCount(0)
})

test.describe('a remediation task', () => {
  const title = `E2E整改-${stamp}`
  let taskUrl = ''

  test('the province assigns it on a published demo round to 兰州', async ({ page, request }) => {
    const api = await apiAs(request, 'province')
    const rounds = await api.get<{ items: { id: number; name: string }[] }>('/api/v1/service/rounds?status=published&page_size=100')
    const demo = rounds.items.find((r) => r.id !== roundId)
    expect(demo, 'a published demo round').toBeTruthy()
    // A public service: the demo's questionnaire surveys the public services.
    const services = await api.get<{ code: string; name: string; field: string }[]>('/api/v1/service/services')
    const service = services.find((s) => s.field === 'public')!

    await login(page, 'province')
    await page.goto('/service/tasks')
    await page.locator('[data-test=tb-create]').click()
    const dialog = formDialog(page)
    await pickOption(page, dialog.locator('[data-test=task-round]'), demo!.name)
    await pickOption(page, dialog.locator('[data-test=task-city]'), '兰州市', '兰州')
    // The city's bureau is chosen with the city.
    await expect(dialog.locator('[data-test=task-org]')).toContainText('兰州市市场监督管理局')
    await pickOption(page, dialog.locator('[data-test=task-service]'), service.name)
    await dialog.locator('[data-test=field-title] input').fill(title)
    await dialog.locator('[data-test=field-requirement] textarea').fill('针对满意度偏低的问题制定整改方案，30 日内提交整改情况和现场照片。')
    await setDate(dialog.locator('[data-test=field-deadline]'), cst(30))
    await saveDialog(page)

    await page.waitForURL(/\/service\/tasks\/\d+$/)
    taskUrl = new URL(page.url()).pathname
    await expect(page.locator('[data-test=task-heading]')).toHaveText(title)
    await expect(page.locator('.page-head [data-test=tag-task]')).toHaveAttribute('data-value', 'assigned')
    await expect(page.locator('[data-test=task-facts]')).toContainText('兰州市市场监督管理局')
    // The province reviews, it does not submit.
    await expect(page.locator('[data-test=evidence-form]')).toHaveCount(0)
    await expect(page.locator('[data-test=review-accept]')).toHaveCount(0)
  })

  test('兰州 finds it and submits its evidence', async ({ page }) => {
    expect(taskUrl).not.toBe('')
    await login(page, 'lanzhou')
    await page.goto('/service/tasks')
    const row = page.locator('[data-test=list-table] .el-table__body tr', { hasText: title })
    await expect(row).toHaveCount(1)
    await row.locator('[data-test=row-view]').click()
    await page.waitForURL(taskUrl)

    const form = page.locator('[data-test=evidence-form]')
    await form.locator('[data-test=field-evidence] textarea').fill('已约谈相关单位，完成窗口服务流程优化。')
    await form.locator('[data-test=evidence-submit]').click()
    await expect(page.locator('.page-head [data-test=tag-task]')).toHaveAttribute('data-value', 'submitted')
    await expect(page.locator('[data-test=task-evidence-text]')).toHaveText('已约谈相关单位，完成窗口服务流程优化。')
    await expect(page.locator('[data-test=task-awaiting]')).toBeVisible()
    // Its own submission is not its to review.
    await expect(page.locator('[data-test=review-accept]')).toHaveCount(0)
  })

  test('the province returns it with a comment', async ({ page }) => {
    await login(page, 'province')
    await page.goto(taskUrl)
    await page.locator('[data-test=review-return]').click()
    const dialog = formDialog(page)
    // A return needs a comment.
    await dialog.locator('[data-test=dialog-save]').click()
    await expect(dialog.locator('[data-test=field-comment] .el-form-item__error')).toBeVisible()
    await dialog.locator('[data-test=field-comment] textarea').fill('请补充整改前后的现场照片')
    await saveDialog(page)
    await expect(page.locator('.page-head [data-test=tag-task]')).toHaveAttribute('data-value', 'returned')
    await expect(page.locator('[data-test=task-review]')).toContainText('请补充整改前后的现场照片')
  })

  test('兰州 completes and submits it again', async ({ page }) => {
    await login(page, 'lanzhou')
    await page.goto(taskUrl)
    await expect(page.locator('[data-test=task-review]')).toHaveAttribute('data-status', 'returned')
    const form = page.locator('[data-test=evidence-form]')
    const text = form.locator('[data-test=field-evidence] textarea')
    // The form starts from the evidence sent.
    await expect(text).toHaveValue('已约谈相关单位，完成窗口服务流程优化。')
    await text.fill('已约谈相关单位，完成窗口服务流程优化；补充整改前后现场照片。')
    await form.locator('[data-test=evidence-submit]').click()
    await expect(page.locator('.page-head [data-test=tag-task]')).toHaveAttribute('data-value', 'submitted')
  })

  test('the province accepts it', async ({ page }) => {
    await login(page, 'province')
    await page.goto(taskUrl)
    await page.locator('[data-test=review-accept]').click()
    await saveDialog(page)
    await expect(page.locator('.page-head [data-test=tag-task]')).toHaveAttribute('data-value', 'accepted')
    await expect(page.locator('[data-test=task-review]')).toHaveAttribute('data-status', 'accepted')
    await expect(page.locator('[data-test=task-timeline] [data-action=accepted]')).toHaveCount(1)
    await expect(page.locator('[data-test=review-accept]')).toHaveCount(0)

    // The list shows it accepted.
    await page.goto('/service/tasks')
    const row = page.locator('[data-test=list-table] .el-table__body tr', { hasText: title })
    await expect(row.locator('[data-test=tag-task]')).toHaveAttribute('data-value', 'accepted')
  })
})

// (3) A major service-quality event handled together: 兰州 reports it, led by its own bureau with
//     the province's quality department taking part; 兰州 records what it did and resolves it; the
//     province assesses the handling.
test.describe('a major service-quality event', () => {
  const title = `E2E事件-${stamp}`
  let eventUrl = ''

  test('兰州 reports it, led by its bureau, 城关区’s office taking part', async ({ page }) => {
    await login(page, 'lanzhou')
    await page.goto('/service/events')
    await page.locator('[data-test=tb-create]').click()
    const dialog = formDialog(page)
    await dialog.locator('[data-test=field-title] input').fill(title)
    // A city reports in its own city, led by its own bureau.
    await expect(dialog.locator('[data-test=field-region_code]')).toContainText('兰州市')
    await expect(dialog.locator('[data-test=field-lead_org_id]')).toContainText('兰州市市场监督管理局')
    await pickOption(page, dialog.locator('[data-test=field-service] .el-select__wrapper').first(), /./)
    await dialog.locator('[data-test=event-severity-major]').click()
    await dialog.locator('[data-test=field-description] textarea').fill('多所学校食堂同日出现供餐中断，家长集中投诉。')
    await pickOption(page, dialog.locator('[data-test=field-org_ids] .el-select__wrapper'), '城关区市场监督管理局', '城关')
    await dialog.locator('.el-dialog__header').click()
    await expect(dialog.locator('[data-test=field-org_ids]')).toContainText('城关区市场监督管理局')
    await saveDialog(page)

    await page.waitForURL(/\/service\/events\/\d+$/)
    eventUrl = new URL(page.url()).pathname
    await expect(page.locator('[data-test=event-heading]')).toHaveText(title)
    await expect(page.locator('.page-head [data-test=tag-event]')).toHaveAttribute('data-value', 'open')
    await expect(page.locator('.page-head [data-test=tag-severity]')).toHaveAttribute('data-value', 'major')
    await expect(page.locator('[data-test=event-timeline] [data-kind=report]')).toHaveCount(1)
    await expect(page.locator('[data-test=event-org]')).toHaveText(['城关区市场监督管理局'])
  })

  test('兰州 records what it did, then resolves it', async ({ page }) => {
    expect(eventUrl).not.toBe('')
    await login(page, 'lanzhou')
    await page.goto(eventUrl)
    // Nothing to assess for a city.
    await expect(page.locator('[data-test=step-assess]')).toHaveCount(0)
    await page.locator('[data-test=step-act]').click()
    let dialog = formDialog(page)
    await dialog.locator('[data-test=field-note] textarea').fill('约谈供餐企业，启用备用供餐方案。')
    await saveDialog(page)
    await expect(page.locator('.page-head [data-test=tag-event]')).toHaveAttribute('data-value', 'handling')
    await expect(page.locator('[data-test=event-timeline] [data-kind=act]')).toContainText('约谈供餐企业')

    await page.locator('[data-test=step-resolve]').click()
    dialog = formDialog(page)
    await dialog.locator('[data-test=field-note] textarea').fill('供餐恢复正常，已建立应急供餐机制。')
    await saveDialog(page)
    await expect(page.locator('.page-head [data-test=tag-event]')).toHaveAttribute('data-value', 'resolved')
    await expect(page.locator('[data-test=step-act]')).toHaveCount(0)
  })

  test('the province assesses the handling', async ({ page }) => {
    await login(page, 'province')
    await page.goto(eventUrl)
    await page.locator('[data-test=step-assess]').click()
    const dialog = formDialog(page)
    // A rating is required.
    await dialog.locator('[data-test=dialog-save]').click()
    await expect(dialog.locator('[data-test=field-rating] .el-form-item__error')).toBeVisible()
    await dialog.locator('[data-test=event-rating] .el-rate__item').nth(3).click()
    await dialog.locator('[data-test=field-assessment] textarea').fill('响应及时，处置得当。')
    await saveDialog(page)
    await expect(page.locator('.page-head [data-test=tag-event]')).toHaveAttribute('data-value', 'assessed')
    await expect(page.locator('[data-test=event-assessment]')).toContainText('响应及时，处置得当。')
    await expect(page.locator('[data-test=event-rating-value]')).toHaveAttribute('data-value', '4')
  })
})
