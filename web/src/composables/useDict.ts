/** A dictionary for a page: loads it once and gives labels and options in the UI language. */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Locale } from '@/i18n'
import { useDictStore } from '@/stores/dict'
import { showError } from '@/utils/feedback'

export function useDict(type: string) {
  const store = useDictStore()
  const { locale } = useI18n()
  store.load(type).catch(showError)
  const options = computed(() => (store.items[type] ?? []).map((i) => ({ value: i.value, label: store.itemLabel(i, locale.value as Locale) })))
  const label = (value: string | null | undefined) => store.label(type, value, locale.value as Locale)
  return { options, label }
}
