/** Option lists for selects in forms and filters, loaded on first use per page. */
import { onMounted, shallowRef } from 'vue'
import { systemApi } from '@/api/system'
import type { Org, OrgNode, RegionNode, Role } from '@/api/types'
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
  return useLoaded<OrgNode[]>(systemApi.orgTree, [])
}

export function useRegionTree() {
  return useLoaded<RegionNode[]>(systemApi.regionTree, [])
}

/** The roles the signed-in user may give to users: a page asks only for what its user may see. */
export function useRoleOptions() {
  return useLoaded<Role[]>(systemApi.assignableRoles, [])
}

/**
 * Active organisations of one kind (`department`, `city_bureau`) for selects and filters; none
 * (and no request) without `system:org:list`.
 */
export function useOrgOptions(kind: string) {
  const auth = useAuthStore()
  return useLoaded<Org[]>(async () => (auth.can('system:org:list') ? (await systemApi.orgsOfKind(kind)).items : []), [])
}
