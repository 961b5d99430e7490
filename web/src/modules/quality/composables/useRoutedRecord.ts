/**
 * The record a detail page shows, by the `:id` of its address: read when the id changes and
 * again when the page's tab is shown again (unless `keep()` says the user is editing it).
 */
import { computed, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useReturnRefresh } from '@/composables/useReturnRefresh'
import { useLoad } from '@/composables/useLoad'

export function useRoutedRecord<T>(fetch: (id: number) => Promise<T>, opts: { active?: () => boolean; keep?: () => boolean } = {}) {
  const route = useRoute()
  // Pages are kept alive per path: this one shows the record of the path it was opened at.
  const path = route.path
  const id = computed(() => Number(route.params.id))
  const { data: record, loading, failed, load: read } = useLoad<T | null>(() => fetch(id.value), null)

  /** Reads the record (a kept-alive page sees other pages' addresses: it ignores them). */
  async function load(): Promise<void> {
    if (route.path !== path || opts.active?.() === false) return
    await read()
  }
  watch(() => route.params.id, load, { immediate: true })
  useReturnRefresh(() => (opts.keep?.() ? undefined : load()))
  return { id, record, loading, failed, load }
}
