/**
 * Who may own a national finding (国家考核反馈问题): the province's departments that score
 * (GET /assessment/departments) and the cities' bureaus; the province's choices, loaded when the
 * caller may assign findings.
 */
import { computed, shallowRef } from 'vue'
import { useOrgOptions } from '@/composables/useOptions'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'
import { yearApi, type Department } from '../api'

export interface OwnerGroup {
  key: 'departments' | 'cityBureaus'
  options: { id: number; name: string }[]
}

export function useFindingOwners() {
  const auth = useAuthStore()
  const departments = shallowRef<Department[]>([])
  const bureaus = useOrgOptions('city_bureau')
  if (auth.can('assessment:finding:create'))
    yearApi
      .departments()
      .then((d) => (departments.value = d))
      .catch(showError)
  return computed<OwnerGroup[]>(() =>
    [
      { key: 'departments' as const, options: departments.value.map((d) => ({ id: d.id, name: d.name })) },
      { key: 'cityBureaus' as const, options: bureaus.value.map((o) => ({ id: o.id, name: o.name })) },
    ].filter((g) => g.options.length),
  )
}
