/**
 * The record a detail page shows, by the `:id` of its address: read when the id changes and
 * again when the page's tab is shown again, unless `keep()` says the user is editing it.
 */
import { computed, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useLoad } from '@/composables/useLoad'
import { useReturnRefresh } from '@/composables/useReturnRefresh'

export function useRoutedRecord<T>(fetch: (id: number) => Promise<T>, opts: { keep?: () => boolean } = {}) {
  const route = useRoute()
  // Pages are kept alive per path: this one shows the record of the path it was opened at.
  const path = route.path
  const id = computed(() => Number(route.params.id))
  const { data: record, loading, failed, load: read } = useLoad<T | null>(() => fetch(id.value), null)

  async function load(): Promise<void> {
    if (route.path !== path || !route.params.id) return
    await read()
  }
  watch(() => route.params.id, load, { immediate: true })
  useReturnRefresh(() => (opts.keep?.() ? undefined : load()))
  return { id, record, loading, failed, load }
}
