/**
 * The services surveyed (GET /service/services: public and life services), loaded once per page
 * load for who may list questionnaires: their names in the UI language and their groups by field
 * for the selects. Survey staff go without: quotas and responses name their service themselves.
 */
import { computed, shallowRef } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'
import { localName } from '@/utils/format'
import { FIELDS, serviceApi, type Sector } from '../api'

const sectors = shallowRef<Sector[]>([])
let loading: Promise<void> | null = null

export function loadServices(): Promise<void> {
  if (!loading) {
    loading = serviceApi
      .services()
      .then((all) => {
        sectors.value = all
      })
      .catch((e: unknown) => {
        loading = null
        showError(e)
      })
  }
  return loading
}

export function useServices() {
  if (useAuthStore().can('service:survey:list')) void loadServices()
  const byCode = computed(() => new Map(sectors.value.map((s) => [s.code, s])))
  return {
    sectors: computed(() => sectors.value),
    /** The services by field (public first), each group in the server's order. */
    groups: computed(() => FIELDS.map((field) => ({ field, items: sectors.value.filter((s) => s.field === field) })).filter((g) => g.items.length)),
    /** A service's name by its code (the fallback, or the code, while loading or when unknown). */
    serviceName: (code: string | null | undefined, fallback?: string | null) => {
      const s = code ? byCode.value.get(code) : undefined
      return s ? localName(s) : (fallback ?? code ?? '')
    },
    fieldOf: (code: string) => byCode.value.get(code)?.field ?? '',
  }
}
