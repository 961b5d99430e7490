/**
 * The indicator catalogue, loaded once per session for pickers, filters and names (English names
 * in English); nothing (and no request) without `quality:indicator:list`.
 */
import { computed, shallowRef } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'
import { localName } from '@/utils/format'
import { qualityApi, type IndicatorView } from '../api'

const indicators = shallowRef<IndicatorView[]>([])
let loading: Promise<void> | null = null

async function load(): Promise<void> {
  try {
    indicators.value = (await qualityApi.indicators({ page_size: 500, sort: 'code' })).items
  } catch (e) {
    loading = null
    showError(e)
  }
}

export function useCatalogue() {
  const auth = useAuthStore()
  if (!loading && auth.can('quality:indicator:list')) loading = load()
  const byCode = computed(() => new Map(indicators.value.map((i) => [i.code, i])))
  return {
    indicators,
    byCode,
    active: computed(() => indicators.value.filter((i) => i.status === 'active')),
    /** The departments that supply indicators, for the source filter. */
    sources: computed(() => [...new Set(indicators.value.map((i) => i.source).filter(Boolean))].sort()),
    /** An indicator's name in the UI language; `fallback` (the framework's name) when unknown. */
    nameOf: (code: string, fallback?: string) => {
      const i = byCode.value.get(code)
      return i ? localName({ name: i.name, name_en: i.name_en }) : (fallback ?? code)
    },
    /** Loads the catalogue again (after an edit). */
    reload: () => (loading = load()),
  }
}
