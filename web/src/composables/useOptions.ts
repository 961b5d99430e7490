/** Option lists for selects in forms and filters, loaded on first use per page. */
import { computed, onMounted, shallowRef } from 'vue'
import { systemApi } from '@/api/system'
import type { Org, Region, Role } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'

function useLoaded<T>(load: () => Promise<T>, empty: T) {
  const data = shallowRef<T>(empty)
  onMounted(async () => {
    try {
      data.value = await load()
    } catch (e) {
      showError(e)
    }
  })
  return data
}

export function useOrgTree() {
  return useLoaded<Org[]>(systemApi.orgTree, [])
}

export function useRegionTree() {
  return useLoaded<Region[]>(systemApi.regionTree, [])
}

export function useRoleOptions() {
  const page = useLoaded(systemApi.roles, { items: [] as Role[], total: 0, page: 1, page_size: 500 })
  return computed(() => page.value.items)
}

/**
 * Active organisations of one kind (`department`, `city_bureau`) for selects and filters; none
 * (and no request) without `system:org:list`.
 */
export function useOrgOptions(kind: string) {
  const auth = useAuthStore()
  return useLoaded<Org[]>(async () => (auth.can('system:org:list') ? (await systemApi.orgsOfKind(kind)).items : []), [])
}
