/**
 * Who may own a national finding (国家考核反馈问题): the province's departments that score
 * (GET /assessment/departments) and the cities' bureaus; the province's choices, loaded only when
 * the caller assigns findings.
 */
import { shallowRef } from 'vue'
import { systemApi } from '@/api/system'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/feedback'
import { yearApi } from '../api'

export interface OwnerGroup {
  key: 'departments' | 'cityBureaus'
  options: { id: number; name: string }[]
}

export function useFindingOwners() {
  const groups = shallowRef<OwnerGroup[]>([])
  if (!useAuthStore().can('assessment:finding:create')) return groups
  const pick = (o: { id: number; name: string }) => ({ id: o.id, name: o.name })
  Promise.all([yearApi.departments(), systemApi.orgsOfKind('city_bureau')])
    .then(([departments, bureaus]) => {
      const all: OwnerGroup[] = [
        { key: 'departments', options: departments.map(pick) },
        { key: 'cityBureaus', options: bureaus.items.map(pick) },
      ]
      groups.value = all.filter((g) => g.options.length)
    })
    .catch(showError)
  return groups
}
