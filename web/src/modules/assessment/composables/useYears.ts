/**
 * The assessment years the caller sees (newest first), for the filters of the remediation and
 * feedback lists; loaded once per page.
 */
import { shallowRef } from 'vue'
import { showError } from '@/utils/feedback'
import { yearApi, type YearView } from '../api'

export function useYears() {
  const years = shallowRef<YearView[]>([])
  yearApi
    .years()
    .then((p) => (years.value = p.items))
    .catch(showError)
  return years
}
