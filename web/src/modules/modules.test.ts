import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { layoutChildren } from '@/router/routes'
import { moduleRoutes, modules } from '.'

/** Every page of a route table, with its parents. */
function pages(records: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return records.flatMap((r) => (r.children?.length ? pages(r.children) : [r]))
}

describe('console modules', () => {
  it('are every folder of src/modules, each registered once under its folder’s name', () => {
    const folders = Object.keys(import.meta.glob('./*/index.ts')).map((p) => p.split('/')[1])
    expect(modules.map((m) => m.name).sort()).toEqual(folders.sort())
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length)
  })

  it('put their pages into the admin layout, after the home page and before system management', () => {
    const names = layoutChildren.map((r) => r.name)
    expect(names[0]).toBe('home')
    for (const r of moduleRoutes) expect(layoutChildren).toContain(r)
    expect(names.indexOf('system')).toBe(1 + moduleRoutes.length)
  })

  it('name a title and the permission it needs for every page', () => {
    for (const m of modules)
      for (const p of pages(m.routes)) {
        expect(p.meta?.title, `${m.name}: ${String(p.name)}`).toBeTruthy()
        expect(p.meta?.permission, `${m.name}: ${String(p.name)}`).toBeTruthy()
      }
  })

  it('translate their menu titles in both languages', () => {
    const titles = (records: readonly RouteRecordRaw[]): string[] => records.flatMap((r) => [r.meta?.title ?? '', ...titles(r.children ?? [])]).filter(Boolean)
    for (const m of modules)
      for (const title of titles(m.routes)) {
        const [group, key] = title.split('.')
        for (const texts of [m.messages['zh-CN'], m.messages.en]) expect((texts[group] as Record<string, string>)?.[key], `${m.name}: ${title}`).toBeTruthy()
      }
  })
})
