import type { Locator, Page } from '@playwright/test'
import { expect, login, pickOption, test } from './fixtures'

// The supervision cycle of docs/guide/plan-api.md on the demo data of `longzhi seed --demo`:
// `province` (省局质量发展处) drafts and publishes a plan whose one task is addressed to 兰州 and
// 天水; `lanzhou` (兰州市局) reports; `province` returns, then accepts; the matrix shows the result.
const stamp = Date.now().toString(36)
const year = new Date().getFullYear()
const planTitle = `E2E质量工作要点-${stamp}`
const partTitle = '强化质量基础支撑'
const pointTitle = '深入开展质量提升行动'
const taskTitle = `E2E督办任务-${stamp}`
const returnComment = '请补充佐证材料后重新报送'
const LANZHOU = '620100'
const TIANSHUI = '620500'

test.describe.configure({ mode: 'serial' })

let planId = 0

/** The OK button of an Element Plus confirmation box. */
async function confirmBox(page: Page): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name: /确定|OK/ }).click()
}

/** The open form dialog (FormDialog), not the drawer underneath it. */
const formDialog = (page: Page): Locator => page.locator('.el-dialog.form-dialog').filter({ visible: true })

async function saveDialog(page: Page): Promise<void> {
  const dialog = formDialog(page)
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog).toHaveCount(0)
}

/** Opens the target of our task for one addressee from a targets list (tasks or review queue). */
async function openTarget(page: Page, path: '/plan/tasks' | '/plan/reviews', addressee: RegExp): Promise<Locator> {
  await page.goto(path)
  await page.locator('[data-test=filter-q]').fill(taskTitle)
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__body tr', { hasText: taskTitle }).filter({ hasText: addressee })
  await expect(row).toHaveCount(1)
  await row.locator('td').nth(2).click()
  await expect(page).toHaveURL(/[?&]target=\d+/)
  const drawer = page.locator('[data-test=target-drawer]')
  await expect(drawer).toBeVisible()
  await expect(drawer).toContainText(taskTitle)
  return drawer
}

/** Reports progress on the open target as its owner. */
async function report(drawer: Locator, status: 'in_progress' | 'done', percent: number, text: string): Promise<void> {
  const form = drawer.locator('[data-test=report-form]')
  await expect(form).toBeVisible()
  await form.locator(`[data-test=report-status-${status}]`).click()
  const percentInput = form.locator('[data-test=report-percent] .el-input-number input')
  if (status === 'done') {
    // `done` needs 100 %: the form sets it and locks the slider.
    await expect(percentInput).toHaveValue('100')
  } else {
    await percentInput.fill(String(percent))
    await percentInput.press('Tab')
    await expect(percentInput).toHaveValue(String(percent))
  }
  await form.locator('[data-test=field-text] textarea').fill(text)
  await form.locator('[data-test=report-submit]').click()
  const latest = drawer.locator('[data-test=report]').first()
  await expect(latest).toHaveAttribute('data-review', 'pending')
  await expect(latest.locator('[data-test=report-percent-value]')).toHaveText(`${percent}%`)
  // A pending report holds further reports until it is reviewed.
  await expect(drawer.locator('[data-test=report-pending]')).toBeVisible()
  await expect(drawer.locator('[data-test=report-form]')).toHaveCount(0)
}

test('the province drafts a plan with a task for 兰州 and 天水 and publishes it', async ({ page }) => {
  planId = 0
  await login(page, 'province')
  await page.goto('/plan/plans')

  await page.locator('[data-test=tb-create]').click()
  let dialog = formDialog(page)
  await dialog.locator('[data-test=field-title] input').fill(planTitle)
  await dialog.locator('[data-test=field-doc_no] input').fill(`甘市监办函〔${year}〕${(Date.now() % 90) + 10}号`)
  // A new plan spans its year unless other dates are chosen.
  await expect(dialog.locator('[data-test=field-start_date] input')).toHaveValue(`${year}-01-01`)
  await expect(dialog.locator('[data-test=field-end_date] input')).toHaveValue(`${year}-12-31`)
  await saveDialog(page)

  // The new plan opens in its editor.
  await page.waitForURL(/\/plan\/plans\/\d+$/)
  planId = Number(/\/plan\/plans\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1])
  expect(planId).toBeGreaterThan(0)
  await expect(page.locator('[data-test=plan-heading]')).toHaveText(planTitle)
  const status = page.locator('[data-test=plan-head] [data-test=tag-plan]')
  await expect(status).toHaveAttribute('data-value', 'draft')

  await page.locator('[data-test=add-part]').click()
  await formDialog(page).locator('[data-test=field-title] input').fill(partTitle)
  await saveDialog(page)
  const part = page.locator('[data-test=part]').filter({ hasText: partTitle })
  await expect(part).toHaveCount(1)

  await part.locator('[data-test=add-point]').click()
  dialog = formDialog(page)
  await dialog.locator('[data-test=field-title] input').fill(pointTitle)
  await dialog.locator('[data-test=field-body] textarea').fill('对标先进，推动重点产业质量提升。')
  await saveDialog(page)
  const point = part.locator('[data-test=point]').filter({ hasText: pointTitle })
  await expect(point).toHaveCount(1)

  await point.locator('[data-test=add-task]').click()
  dialog = formDialog(page)
  await dialog.locator('[data-test=field-title] textarea').fill(taskTitle)
  // Some cities (the default scope): 兰州 and 天水.
  await expect(dialog.locator('[data-test=city-scope-some] input')).toBeChecked()
  // Saving without a city is refused before any request (the server's rule, mirrored).
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog.locator('[data-test=field-city_codes] .el-form-item__error')).toBeVisible()
  await pickOption(page, dialog.locator('[data-test=field-city_codes] .el-select__wrapper'), '兰州市', '兰州')
  await page.keyboard.press('Escape')
  await pickOption(page, dialog.locator('[data-test=field-city_codes] .el-select__wrapper'), '天水市', '天水')
  await page.keyboard.press('Escape')
  // The deadline starts at the plan's end, within its dates.
  await expect(dialog.locator('[data-test=field-deadline] input')).toHaveValue(`${year}-12-31`)
  await dialog.locator('[data-test=field-evidence] textarea').fill('工作方案、总结报告')
  await saveDialog(page)
  const tasks = point.locator('[data-test=task-table]')
  await expect(tasks).toContainText(taskTitle)
  await expect(tasks).toContainText('兰州市')
  await expect(tasks).toContainText('天水市')

  await page.locator('[data-test=plan-publish]').click()
  await confirmBox(page)
  await expect(status).toHaveAttribute('data-value', 'published')
  // Published: the structure is frozen.
  await expect(page.locator('[data-test=add-part]')).toHaveCount(0)
  await expect(page.locator('[data-test=add-task]')).toHaveCount(0)
})

test('兰州 is notified, opens the task and reports 40 % in progress', async ({ page }) => {
  expect(planId).toBeGreaterThan(0)
  await login(page, 'lanzhou')
  const bell = page.locator('[data-test=notice-bell]')
  await expect(bell).not.toHaveAttribute('data-count', '0')
  await bell.click()
  const panel = page.locator('[data-test=notice-panel]')
  await expect(panel).toBeVisible()
  await expect(panel.locator('[data-test=notice-item]').first()).toBeVisible()

  const drawer = await openTarget(page, '/plan/tasks', /兰州/)
  await expect(drawer.locator('[data-test=target-evidence]')).toHaveText('工作方案、总结报告')
  await expect(drawer.locator('[data-test=timeline] [data-action=published]')).toHaveCount(1)
  await report(drawer, 'in_progress', 40, '已制定实施方案，正在组织推进。')
  // 兰州 sees only its own target.
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-test=list-table] .el-table__body tr', { hasText: taskTitle })).toHaveCount(1)
})

test('the province returns the report with a comment', async ({ page }) => {
  await login(page, 'province')
  const drawer = await openTarget(page, '/plan/reviews', /兰州/)
  const latest = drawer.locator('[data-test=report]').first()
  await expect(latest).toHaveAttribute('data-review', 'pending')
  await latest.locator('[data-test=review-return]').click()
  const dialog = formDialog(page)
  // Returning needs a comment.
  await dialog.locator('[data-test=dialog-save]').click()
  await expect(dialog.locator('[data-test=field-comment] .el-form-item__error')).toBeVisible()
  await dialog.locator('[data-test=field-comment] textarea').fill(returnComment)
  await saveDialog(page)
  await expect(latest).toHaveAttribute('data-review', 'returned')
  await expect(latest.locator('[data-test=report-review]')).toContainText(returnComment)
  // Nothing of our task is left to review.
  await page.keyboard.press('Escape')
  await page.locator('[data-test=search]').click()
  await expect(page.locator('[data-test=list-table] .el-table__body tr', { hasText: taskTitle })).toHaveCount(0)
})

test('兰州 sees the return and reports the task done', async ({ page }) => {
  await login(page, 'lanzhou')
  await expect(page.locator('[data-test=notice-bell]')).not.toHaveAttribute('data-count', '0')
  const drawer = await openTarget(page, '/plan/tasks', /兰州/)
  const returned = drawer.locator('[data-test=report]').first()
  await expect(returned).toHaveAttribute('data-review', 'returned')
  await expect(returned).toContainText(returnComment)
  await expect(drawer.locator('[data-test=timeline] [data-action=returned]')).toHaveCount(1)
  await report(drawer, 'done', 100, '已全部完成，佐证材料已补充。')
})

test('the province accepts the report', async ({ page }) => {
  await login(page, 'province')
  const drawer = await openTarget(page, '/plan/reviews', /兰州/)
  const latest = drawer.locator('[data-test=report]').first()
  await expect(latest.locator('[data-test=report-percent-value]')).toHaveText('100%')
  await latest.locator('[data-test=review-accept]').click()
  await saveDialog(page)
  await expect(latest).toHaveAttribute('data-review', 'accepted')
  await expect(drawer.locator('[data-test=timeline] [data-action=accepted]')).toHaveCount(1)
})

test('the matrix shows 兰州 done and the completion rates', async ({ page }) => {
  await login(page, 'province')
  await page.goto(`/plan/matrix?plan=${planId}`)
  const table = page.locator('[data-test=matrix-table]')
  await expect(table.locator('[data-test=matrix-point]')).toHaveText([`（一）${pointTitle}`])
  const lanzhou = table.locator(`[data-test=matrix-cell][data-region="${LANZHOU}"]`)
  await expect(lanzhou).toHaveAttribute('data-status', 'done')
  await expect(lanzhou).toHaveText('1/1')
  const tianshui = table.locator(`[data-test=matrix-cell][data-region="${TIANSHUI}"]`)
  await expect(tianshui).toHaveAttribute('data-status', 'not_started')
  await expect(tianshui).toHaveText('0/1')
  await expect(table.locator(`[data-test=city-rate][data-region="${LANZHOU}"]`)).toHaveText('100%')
  await expect(table.locator(`[data-test=city-rate][data-region="${TIANSHUI}"]`)).toHaveText('0%')
  // One of the two targets is completed.
  await expect(page.locator('[data-test=matrix-completed]')).toHaveText('1/2')
  await expect(page.locator('[data-test=matrix-rate]')).toContainText('50%')

  // The plan list shows the same completion.
  await page.goto('/plan/plans')
  await page.locator('[data-test=filter-q]').fill(planTitle)
  await page.locator('[data-test=search]').click()
  const row = page.locator('[data-test=list-table] .el-table__body tr', { hasText: planTitle })
  await expect(row.locator('[data-test=plan-progress]')).toContainText('1/2')
})
