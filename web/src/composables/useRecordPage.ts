/**
 * The record a page shows, by a parameter of its address (`:id` of the console's detail pages,
 * `:code` of a public notice): read when the parameter changes and again when the page's tab is
 * shown again. Pages are kept alive per path, so a page reads only for the path it was opened at.
 */
import { computed, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useReturnRefresh } from '@/composables/useReturnRefresh'
import { useLoad } from '@/composables/useLoad'

export function useRecordPage<T, K = number>(fetch: (key: K) => Promise<T>, param: { name?: string; parse?: (raw: string) => K } = {}) {
  const route = useRoute()
  const path = route.path
  const name = param.name ?? 'id'
  const parse = param.parse ?? ((raw: string) => Number(raw) as K)
  const key = computed(() => parse(String(route.params[name] ?? '')))
  const { data: record, loading, failed, load: read } = useLoad<T | null>(() => fetch(key.value), null)

  async function load(): Promise<void> {
    if (route.path !== path || !route.params[name]) return
    await read()
  }
  watch(() => route.params[name], load, { immediate: true })
  useReturnRefresh(load)
  return { key, record, loading, failed, load }
}
