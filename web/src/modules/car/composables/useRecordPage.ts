/**
 * The record a detail page shows, by its address's `:id`: read when the parameter changes and again
 * when the page's tab is shown again. Pages are kept alive per path, so a page reads only for the
 * path it was opened at. (The recall module's pages read theirs the same way.)
 */
import { computed, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useLoad } from '@/composables/useLoad'
import { useReturnRefresh } from '@/composables/useReturnRefresh'

export function useRecordPage<T>(fetch: (id: number) => Promise<T>) {
  const route = useRoute()
  const path = route.path
  const key = computed(() => Number(route.params.id ?? ''))
  const { data: record, loading, failed, load: read } = useLoad<T | null>(() => fetch(key.value), null)

  async function load(): Promise<void> {
    if (route.path !== path || !route.params.id) return
    await read()
  }
  watch(() => route.params.id, load, { immediate: true })
  useReturnRefresh(load)
  return { key, record, loading, failed, load }
}
