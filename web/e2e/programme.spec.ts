import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, login, test } from './fixtures'

/** The text box of an Element Plus input: the attribute lands on the native element itself. */
function typed(el: Locator): Locator {
  return el.locator('xpath=self::input | self::textarea | .//input | .//textarea').first()
}

// Quality awards and brands (issue 19) on the demo data of `longzhi seed --demo`:
// (1) an award round from the application to the public notice — the province starts an award
//     round (one reviewer per application, no same-region rule) and opens it; the 兰州 enterprise
//     applies in the browser (form, self-assessment over every rubric leaf, evidence) and submits;
//     天水 does not see the application; 兰州's bureau recommends it; the province checks its
//     eligibility, closes the round and puts the demo expert on its panel; the expert enters their
//     independent scores; the province locks the stage, enters the consensus and site-visit
//     scores, locks them and shortlists the application; the notice period cannot be waited
//     for, so the public notice page shows the entry and an objection is filed there;
// (2) the public pages on the demo's decided award round — the roll of honours lists its
//     winners, a certificate code (read through the API as the province) checks, an unknown one
//     says there is no such certificate.
// The round's steps the rounds' page owns (create, open, close, lock, shortlist) are taken
// through the API: this file tests the applications, the scoring and the public pages.
const stamp = Date.now().toString(36)
const roundName = `E2E省政府质量奖-${stamp}`
const product = `E2E陇原牌精制面粉-${stamp}`

test.describe.configure({ mode: 'serial' })
// The server counts days in China Standard Time; the browser counts them the same way.
test.use({ timezoneId: 'Asia/Shanghai' })

/** A date `days` from today in China Standard Time. */
const cst = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

interface Api {
  get: <T>(path: string) => Promise<T>
  post: <T>(path: string, body: unknown) => Promise<T>
  /** The status of a GET, for the scope checks. */
  status: (path: string) => Promise<number>
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
    status: async (path: string) => (await request.get(path)).status(),
  }
}

interface Criterion {
  code: string
  max: number
  leaf: boolean
}
interface Round {
  id: number
  status: string
  stage: string
  version: number
  criteria: Criterion[]
  eligibility: { code: string; text: string }[]
}
interface Application {
  id: number
  status: string
  applicant_name: string
  version: number
  certificate_code: string | null
  outcome: string | null
}
interface Page_<T> {
  items: T[]
  total: number
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

/** A share of a leaf's points, on the half point (a sheet's scores differ by `share`). */
const part = (max: number, share: number) => Math.round(max * share * 2) / 2

/** Fills a rubric sheet in the browser: each leaf's score and (when asked) its text. */
async function fillSheet(scope: Locator, leaves: readonly Criterion[], share: number, text?: string): Promise<void> {
  for (const c of leaves) {
    const input = scope.locator(`[data-test="score-${c.code}"] input`)
    await input.fill(String(part(c.max, share)))
    await input.press('Tab')
    if (text) await typed(scope.locator(`[data-test="text-${c.code}"]`)).fill(`${text} ${c.code}`)
  }
}

const statusTag = (page: Page) => page.locator('[data-test=application-head] [data-test=tag-application]')

let round: Round
let leaves: Criterion[] = []
let applicationId = 0
let applicant = ''

test('the province starts an award round with one reviewer per application and opens it', async ({ request }) => {
  const api = await apiAs(request, 'province')
  const created = await api.post<Round>('/api/v1/programme/rounds', {
    kind: 'award',
    name: roundName,
    year: Number(cst(0).slice(0, 4)),
    winners_quota: 2,
    nominations_quota: 1,
    apply_from: cst(0),
    apply_until: cst(30),
    notice_days: 5,
    anonymous: false,
    reviewers_per_application: 1,
    same_region_conflict: false,
    term_years: 3,
    surveillance_years: 0,
  })
  round = await api.post<Round>(`/api/v1/programme/rounds/${created.id}/open`, { version: created.version })
  expect(round.status).toBe('open')
  leaves = round.criteria.filter((c) => c.leaf)
  expect(leaves.length).toBeGreaterThan(0)
})

test('the 兰州 enterprise applies: form, self-assessment, evidence, submit', async ({ page }) => {
  await login(page, 'enterprise')
  await page.goto('/programme/applications')
  await page.locator('[data-test=tb-apply]').click()
  await page.locator(`[data-test=apply-round][data-id="${round.id}"]`).click()
  await page.locator('[data-test=apply-go]').click()
  await page.waitForURL(/\/programme\/applications\/new\?round=\d+/)

  const form = page.locator('[data-test=application-form]')
  await typed(form.locator('[data-test=app-industry]')).fill('农副食品加工业')
  await typed(form.locator('[data-test=app-product]')).fill(product)
  await typed(form.locator('[data-test=app-summary]')).fill('公司建立了覆盖原粮收购、加工、检验到销售的全过程质量管理体系，近三年产品抽检合格率 100%。')
  await typed(form.locator('[data-test=app-contact]')).fill('王经理 0931-8888888')
  // A draft may be saved before the self-assessment is complete.
  await page.locator('[data-test=application-save]').click()
  await page.waitForURL(/\/programme\/applications\/\d+$/)
  applicationId = Number(new URL(page.url()).pathname.split('/').pop())
  await expect(statusTag(page)).toHaveAttribute('data-value', 'draft')

  // Submitting with a leaf not assessed is refused in the page.
  await page.locator('[data-test=application-submit]').click()
  await expect(page.locator('.el-message--warning')).toBeVisible()

  await fillSheet(page.locator('[data-test=application-form]'), leaves, 0.8, '自评说明')
  await expect(page.locator('[data-test=application-form] [data-test=rubric-total]')).toContainText(String(Math.round(leaves.reduce((n, c) => n + part(c.max, 0.8), 0) * 10) / 10))
  // The evidence, when the user may upload.
  const file = page.locator('[data-test=attachment-input]')
  if (await file.count()) {
    await file.setInputFiles({ name: '质量管理体系证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') })
    await expect(page.locator('[data-test=attachment-upload] .files li')).toHaveCount(1)
  }
  await page.locator('[data-test=application-submit]').click()
  await confirmBox(page)
  await expect(statusTag(page)).toHaveAttribute('data-value', 'submitted')
  applicant = (await page.locator('[data-test=application-heading]').textContent())?.trim() ?? ''
  expect(applicant).not.toBe('')
})

test('天水 does not see the 兰州 application', async ({ page, request }) => {
  const api = await apiAs(request, 'tianshui')
  const list = await api.get<Page_<Application>>(`/api/v1/programme/applications?round_id=${round.id}`)
  expect(list.items.map((a) => a.id)).not.toContain(applicationId)
  expect([403, 404]).toContain(await api.status(`/api/v1/programme/applications/${applicationId}`))

  await login(page, 'tianshui')
  await page.goto('/programme/applications')
  await typed(page.locator('[data-test=filter-q]')).fill(product)
  await page.locator('[data-test=search]').click()
  await expect(page.locator('[data-test=list-table] .el-table__empty-text')).toBeVisible()
})

test('兰州 recommends the application', async ({ page }) => {
  await login(page, 'lanzhou')
  await page.goto('/programme/applications')
  await typed(page.locator('[data-test=filter-q]')).fill(product)
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__row', { hasText: applicant })
  await expect(row).toHaveCount(1)
  await row.locator('[data-test=row-recommend]').click()
  const dialog = formDialog(page)
  await typed(dialog.locator('[data-test=recommend-note]')).fill('该企业质量管理基础扎实，同意推荐。')
  await saveDialog(page)
  await page.goto(`/programme/applications/${applicationId}`)
  await expect(statusTag(page)).toHaveAttribute('data-value', 'recommended')
})

test('the province checks eligibility, closes the round and puts the demo expert on the panel', async ({ page, request }) => {
  await login(page, 'province')
  await page.goto(`/programme/applications/${applicationId}`)
  await expect(statusTag(page)).toHaveAttribute('data-value', 'recommended')
  await page.locator('[data-test=application-check]').click()
  const dialog = formDialog(page)
  await expect(dialog.locator('[data-test=check-items] .el-table__row')).toHaveCount(round.eligibility.length)
  // A failed item needs its reason: the dialog says so before sending.
  const first = round.eligibility[0].code
  await dialog.locator(`[data-test="check-${first}-failed"]`).click()
  await expect(dialog.locator('[data-test=check-verdict]')).toHaveClass(/el-alert--error/)
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog.locator('.el-form-item__error')).toBeVisible()
  await dialog.locator(`[data-test="check-${first}-passed"]`).click()
  await expect(dialog.locator('[data-test=check-verdict]')).toHaveClass(/el-alert--success/)
  await saveDialog(page)
  await expect(statusTag(page)).toHaveAttribute('data-value', 'eligible')
  await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /推荐与审查/ }).click()
  await expect(page.locator('[data-test=eligibility-items] li[data-passed=true]')).toHaveCount(round.eligibility.length)

  const api = await apiAs(request, 'province')
  const open = await api.get<Round>(`/api/v1/programme/rounds/${round.id}`)
  round = await api.post<Round>(`/api/v1/programme/rounds/${round.id}/close`, { version: open.version })
  expect(round.status).toBe('review')
  expect(round.stage).toBe('independent')

  // The panel: the demo expert (the user `expert`), chosen among the candidates.
  const experts = await api.get<Page_<{ id: number; name: string; username: string | null }>>('/api/v1/programme/experts?page_size=100')
  const expert = experts.items.find((e) => e.username === 'expert')
  expect(expert, 'the demo expert of the user `expert`').toBeTruthy()
  await page.reload()
  await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /评审专家/ }).click()
  await page.locator('[data-test=reviewers-candidates]').click()
  const candidate = page.locator('[data-test=candidates] .el-table__row', { hasText: expert?.name ?? '' }).first()
  await expect(candidate).toBeVisible()
  await candidate.locator('.el-checkbox').click()
  await page.locator('[data-test=reviewers-add]').click()
  await expect(page.locator('[data-test=app-reviewer]', { hasText: expert?.name ?? '' })).toBeVisible()
  // The engine's panels leave a complete panel as it is.
  const again = await api.get<Round>(`/api/v1/programme/rounds/${round.id}`)
  await api.post(`/api/v1/programme/rounds/${round.id}/assign`, { version: again.version })
})

test('the expert enters their independent scores', async ({ page }) => {
  await login(page, 'expert')
  await page.goto(`/programme/applications/${applicationId}`)
  await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /评分（/ }).click()
  const form = page.locator('[data-test=score-form][data-stage=independent]')
  await expect(form).toBeVisible()
  await fillSheet(form, leaves, 0.7)
  await form.locator('[data-test=score-save]').click()
  await expect(page.locator('.el-message--success')).toBeVisible()
  // The expert's own sheet only.
  await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /评分记录/ }).click()
  await expect(page.locator('[data-test=score-sheet]')).toHaveCount(1)
})

test('the province locks the stages with consensus and site-visit scores and shortlists', async ({ page, request }) => {
  const api = await apiAs(request, 'province')
  const lock = async (expected: string) => {
    const r = await api.get<Round>(`/api/v1/programme/rounds/${round.id}`)
    round = await api.post<Round>(`/api/v1/programme/rounds/${round.id}/lock`, { version: r.version })
    expect(round.stage).toBe(expected)
  }
  await lock('consensus')

  await login(page, 'province')
  for (const [stage, share, text, next] of [['consensus', 0.8, '合议意见', 'site_visit'], ['site_visit', 0.9, '现场核实', 'closed']] as const) {
    await page.goto(`/programme/applications/${applicationId}`)
    await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /评分（/ }).click()
    const form = page.locator(`[data-test=score-form][data-stage=${stage}]`)
    await expect(form).toBeVisible()
    // Every line of these sheets needs its comment.
    await fillSheet(form, leaves, share)
    await form.locator('[data-test=score-save]').click()
    await expect(page.locator('.el-message--warning')).toBeVisible()
    await fillSheet(form, leaves, share, text)
    await form.locator('[data-test=score-save]').click()
    await expect(page.locator('.el-message--success')).toBeVisible()
    await lock(next)
  }

  // The province reads every sheet: the expert's, the consensus and the site visit.
  await page.goto(`/programme/applications/${applicationId}`)
  await page.locator('[data-test=application-tabs]').getByRole('tab', { name: /评分记录/ }).click()
  await expect(page.locator('[data-test=score-sheet]').first()).toBeVisible()
  expect(await page.locator('[data-test=score-sheet]').count()).toBeGreaterThanOrEqual(3)

  const r = await api.get<Round>(`/api/v1/programme/rounds/${round.id}`)
  round = await api.post<Round>(`/api/v1/programme/rounds/${round.id}/shortlist`, { winners: [applicationId], nominations: [], version: r.version })
  expect(round.status).toBe('notice')
  const a = await api.get<Application>(`/api/v1/programme/applications/${applicationId}`)
  expect(a.status).toBe('shortlisted')
})

test('the public notice shows the entry and takes an objection', async ({ page }) => {
  // The notice period (working days) cannot be waited for: the round stays under notice.
  await page.goto('/public/programme-notices')
  const notice = page.locator(`[data-test=notice][data-round="${round.id}"]`)
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(applicant)
  await notice.locator(`[data-test=notice-object][data-application="${applicationId}"]`).click()
  const dialog = page.locator('.el-dialog.objection-dialog')
  await typed(dialog.locator('[data-test=objection-name]')).fill('李群众')
  await typed(dialog.locator('[data-test=objection-contact]')).fill('13800000000')
  await typed(dialog.locator('[data-test=objection-content]')).fill('该企业去年曾因产品标签不规范被通报，请核实。')
  await dialog.locator('[data-test=objection-send]').click()
  await expect(dialog.locator('[data-test=objection-done]')).toBeVisible()
})

test('the public roll of honours lists the demo award winners', async ({ page, request }) => {
  const res = await request.get('/api/v1/public/programme/honours?kind=award&page_size=100')
  expect(res.ok()).toBe(true)
  const honours = (await res.json()) as Page_<{ holder: string; outcome: string | null }>
  const winners = honours.items.filter((h) => h.outcome === 'winner')
  expect(winners.length).toBeGreaterThan(0)

  await page.goto('/public/honours')
  await expect(page.locator('[data-test=public-honours-title]')).toBeVisible()
  await expect(page.locator('[data-test=honours-found]')).toContainText(String(honours.total))
  for (const w of winners.slice(0, 3)) await expect(page.locator('[data-test=honour-holder]', { hasText: w.holder }).first()).toBeVisible()
})

test('a certificate of the demo’s decided award round checks; an unknown code does not', async ({ page, request, consoleWatch }) => {
  const api = await apiAs(request, 'province')
  const rounds = await api.get<Page_<{ id: number; status: string }>>('/api/v1/programme/rounds?kind=award&status=decided&page_size=100')
  expect(rounds.items.length).toBeGreaterThan(0)
  const awarded = await api.get<Page_<Application>>(`/api/v1/programme/applications?round_id=${rounds.items[0].id}&status=awarded&page_size=100`)
  const holder = awarded.items.find((a) => a.certificate_code)
  expect(holder, 'an awarded application with its certificate').toBeTruthy()
  const code = holder?.certificate_code ?? ''

  await page.goto('/public/certificate')
  await typed(page.locator('[data-test=certificate-code-input]')).fill(code)
  await page.locator('[data-test=certificate-check]').click()
  await page.waitForURL(/\/public\/certificate\/.+/)
  const found = page.locator('[data-test=certificate-found]')
  await expect(found).toBeVisible()
  await expect(found).toHaveAttribute('data-status', 'active')
  await expect(page.locator('[data-test=certificate-holder]')).toHaveText(holder?.applicant_name ?? '')

  await page.goto(`/public/certificate/NO-SUCH-${stamp}`)
  await expect(page.locator('[data-test=certificate-missing]')).toBeVisible()
  // The browser logs the expected 404 of the unknown code.
  consoleWatch.errors = consoleWatch.errors.filter((e) => !/status of 404/.test(e))
})
