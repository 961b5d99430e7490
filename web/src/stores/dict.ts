import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { http } from '@/api/http'
import { toDictItems } from '@/api/normalize'
import type { DictItem } from '@/api/types'
import type { Locale } from '@/i18n'

/** Dictionaries (GET /dicts/{type}), each loaded once per page load and labelled by locale. */
export const useDictStore = defineStore('dict', () => {
  const items = reactive<Record<string, DictItem[]>>({})
  const pending = new Map<string, Promise<DictItem[]>>()

  function load(type: string): Promise<DictItem[]> {
    if (items[type]) return Promise.resolve(items[type])
    let p = pending.get(type)
    if (!p) {
      p = http
        .get<unknown>(`/dicts/${encodeURIComponent(type)}`)
        .then((raw) => {
          const list = toDictItems(raw)
            .filter((i) => i.enabled !== false)
            .sort((a, b) => a.sort - b.sort)
          items[type] = list
          return list
        })
        .finally(() => pending.delete(type))
      pending.set(type, p)
    }
    return p
  }

  function label(type: string, value: string | null | undefined, locale: Locale): string {
    if (value === null || value === undefined) return ''
    const item = items[type]?.find((i) => i.value === value)
    if (!item) return value
    return locale === 'en' ? item.label_en || item.label_zh : item.label_zh || item.label_en
  }

  /** Drops a type after an admin edited it, so the next use reloads it. */
  function invalidate(type?: string): void {
    if (type) delete items[type]
    else for (const k of Object.keys(items)) delete items[k]
  }

  return { items, load, label, invalidate }
})
