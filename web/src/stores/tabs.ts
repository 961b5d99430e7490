import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export interface OpenTab {
  /** The route path without query: one tab per page. */
  path: string
  /** The full path last seen in this tab (query kept when switching back). */
  fullPath: string
  /** i18n key of the title. */
  title: string
  /** Pinned tabs (home) cannot be closed. */
  affix: boolean
  /** Component name kept alive while the tab is open. */
  name?: string
}

/** The tab bar of open pages. */
export const useTabsStore = defineStore('tabs', () => {
  const tabs = ref<OpenTab[]>([])

  /** Components of open tabs, kept alive so a page keeps its filters and scroll when revisited. */
  const cached = computed(() => [...new Set(tabs.value.map((t) => t.name).filter((n): n is string => !!n))])

  function open(tab: OpenTab): void {
    const existing = tabs.value.find((t) => t.path === tab.path)
    if (existing) {
      existing.fullPath = tab.fullPath
      existing.name ??= tab.name
    } else tabs.value.push(tab)
  }

  /** Closes a tab; returns the tab to show next when the closed one was active. */
  function close(path: string): OpenTab | undefined {
    const i = tabs.value.findIndex((t) => t.path === path)
    if (i < 0 || tabs.value[i].affix) return undefined
    tabs.value.splice(i, 1)
    return tabs.value[Math.min(i, tabs.value.length - 1)]
  }

  function closeOthers(path: string): void {
    tabs.value = tabs.value.filter((t) => t.affix || t.path === path)
  }

  function closeAll(): void {
    tabs.value = tabs.value.filter((t) => t.affix)
  }

  function reset(): void {
    tabs.value = []
  }

  return { tabs, cached, open, close, closeOthers, closeAll, reset }
})
