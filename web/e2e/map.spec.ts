import type { Page } from '@playwright/test'
import { expect, login, test } from './fixtures'

// The home dashboard's map of Gansu (web/src/components/dashboard/GansuMap.vue) at the console's
// usual widths, in both languages: every one of the 14 prefectures and the 3 special areas keeps a
// label, and no two texts of the map (labels, the legend's values) overlap. The map is drawn as SVG,
// so its texts are <text> nodes whose boxes the browser measures.

/** The labels as the map shows them: prefectures without 市 / the ethnic part of the name, the special areas whole. */
const LABELS = {
  'zh-CN': ['兰州', '嘉峪关', '金昌', '白银', '天水', '武威', '张掖', '平凉', '酒泉', '庆阳', '定西', '陇南', '临夏州', '甘南州', '兰州新区', '甘肃矿区', '东风场区'],
  en: [
    'Lanzhou', 'Jiayuguan', 'Jinchang', 'Baiyin', 'Tianshui', 'Wuwei', 'Zhangye', 'Pingliang', 'Jiuquan', 'Qingyang', 'Dingxi', 'Longnan', 'Linxia', 'Gannan',
    'Lanzhou New Area', 'Gansu Mining Area', 'Dongfeng Site Area',
  ],
} as const
const VIEWPORTS: [number, number][] = [[1280, 800], [1440, 900], [1920, 1080]]

interface TextBox {
  text: string
  x: number
  y: number
  w: number
  h: number
}

/** The visible texts of the map and their boxes, relative to the map's frame (read in one go: nothing scrolls in between). */
function mapTexts(page: Page): Promise<{ frame: { width: number; height: number }; boxes: TextBox[] }> {
  return page.locator('[data-test=gansu-map]').evaluate((map) => {
    const f = map.getBoundingClientRect()
    const boxes = [...map.querySelectorAll('svg text')]
      .map((n) => {
        const r = n.getBoundingClientRect()
        const style = getComputedStyle(n)
        const hidden = style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0
        return { text: (n.textContent ?? '').trim(), x: r.x - f.x, y: r.y - f.y, w: hidden ? 0 : r.width, h: hidden ? 0 : r.height }
      })
      .filter((b) => b.text && b.w > 0 && b.h > 0)
    return { frame: { width: f.width, height: f.height }, boxes }
  })
}

const intersect = (a: TextBox, b: TextBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

test.describe('the dashboard map', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const [width, height] of VIEWPORTS) {
      test(`labels all 17 regions without overlaps at ${width}×${height} (${lang})`, async ({ page }, testInfo) => {
        await page.setViewportSize({ width, height })
        await login(page, 'admin')
        await expect(page).toHaveURL(/\/$/)
        if (lang === 'en') {
          await page.locator('[data-test=language-switch]').click()
          await page.locator('[data-test=language-en]').click()
          await expect(page.locator('html')).toHaveAttribute('lang', 'en')
        }
        const map = page.locator('[data-test=gansu-map]')
        await expect(map.locator('svg')).toBeVisible()
        // Nothing hovered (a hovered region changes its label's style).
        await page.mouse.move(0, 0)
        const expected: readonly string[] = LABELS[lang]
        // Drawn once every label of the language is there and two readings agree.
        let last = ''
        await expect
          .poll(
            async () => {
              const { boxes } = await mapTexts(page)
              const now = JSON.stringify(boxes)
              const stable = now === last && expected.every((t) => boxes.some((b) => b.text === t))
              last = now
              return stable
            },
            { timeout: 15_000, intervals: [250] },
          )
          .toBe(true)
          .catch(() => undefined)
        const { frame, boxes } = await mapTexts(page)
        await page.locator('.map-card').screenshot({ path: testInfo.outputPath(`map-${width}-${lang}.png`) })

        const texts = boxes.map((b) => b.text)
        for (const name of expected) expect.soft(texts, `label ${name}`).toContain(name)
        const outside = boxes.filter((b) => b.x < -1 || b.y < -1 || b.x + b.w > frame.width + 1 || b.y + b.h > frame.height + 1)
        expect.soft(outside.map((b) => b.text), 'labels cut off by the map’s edge').toEqual([])
        const overlaps: string[] = []
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) if (intersect(boxes[i], boxes[j])) overlaps.push(`${boxes[i].text} × ${boxes[j].text}`)
        }
        expect(overlaps, 'overlapping texts on the map').toEqual([])
      })
    }
  }
})
