/**
 * The city-level regions (prefectures and the areas under the province) in the caller's scope,
 * from the region tree, loaded once per session; none (and no request) without
 * `system:region:list`.
 */
import { computed, shallowRef, type ComputedRef } from 'vue'
import { systemApi } from '@/api/system'
import type { RegionNode } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'
import { localName } from '@/utils/format'
import type { RegionName } from '../api'

const CITY_LEVELS = ['prefecture', 'special']

/** The city-level regions of a tree, in its order. */
export function citiesOf(tree: readonly RegionNode[]): RegionName[] {
  return tree.flatMap((r) => (CITY_LEVELS.includes(r.level) ? [{ code: r.code, name: r.name, name_en: r.name_en ?? '' }] : citiesOf(r.children ?? [])))
}

const cities = shallowRef<RegionName[]>([])
let loading: Promise<void> | null = null

export function useCities(): { cities: ComputedRef<RegionName[]>; cityName: (code: string | null | undefined, fallback?: string | null) => string } {
  const auth = useAuthStore()
  if (!loading && auth.can('system:region:list')) {
    loading = systemApi
      .regionTree()
      .then((tree) => {
        cities.value = citiesOf(tree)
      })
      .catch((e: unknown) => {
        loading = null
        showError(e)
      })
  }
  const byCode = computed(() => new Map(cities.value.map((c) => [c.code, c])))
  return {
    cities: computed(() => cities.value),
    cityName: (code, fallback) => {
      const c = code ? byCode.value.get(code) : undefined
      return c ? localName(c) : (fallback ?? code ?? '')
    },
  }
}
