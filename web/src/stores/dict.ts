import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { systemApi } from '@/api/system'
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
      p = systemApi
        .dictItems(type)
        .then((list) => {
          const active = list.filter((i) => i.status !== 'disabled').sort((a, b) => a.sort - b.sort)
          items[type] = active
          return active
        })
        .finally(() => pending.delete(type))
      pending.set(type, p)
    }
    return p
  }

  function itemLabel(item: DictItem, locale: Locale): string {
    return locale === 'en' ? item.label_en || item.label : item.label || item.label_en
  }

  /** The label of a value; the value itself while loading or when unknown. */
  function label(type: string, value: string | null | undefined, locale: Locale): string {
    if (value === null || value === undefined) return ''
    const item = items[type]?.find((i) => i.value === value)
    return item ? itemLabel(item, locale) : value
  }

  /** Drops a type after an admin edited it, so the next use reloads it. */
  function invalidate(type?: string): void {
    if (type) delete items[type]
    else for (const k of Object.keys(items)) delete items[k]
  }

  return { items, load, label, itemLabel, invalidate }
})
