/**
 * The labels the public pages need without an account: product categories, hazards and cities from
 * the public form's choices (GET /public/defect-reports/form, the injury module's), in the UI
 * language; the code itself until they arrive or when unknown.
 */
import { computed } from 'vue'
import { usePublicForm } from '@/composables/usePublicForm'

export function usePortalLabels() {
  const { form, label, cityName, cities } = usePublicForm()
  const categories = computed(() => form.value?.categories ?? [])
  const hazards = computed(() => form.value?.hazards ?? [])
  const byValue = (list: typeof categories) => computed(() => new Map(list.value.map((o) => [o.value, o])))
  const categoryMap = byValue(categories)
  const hazardMap = byValue(hazards)
  return {
    categories,
    hazards,
    cities,
    label,
    category: (code: string | null | undefined) => {
      const o = code ? categoryMap.value.get(code) : undefined
      return o ? label(o) : (code ?? '')
    },
    hazard: (code: string | null | undefined) => {
      const o = code ? hazardMap.value.get(code) : undefined
      return o ? label(o) : (code ?? '')
    },
    city: (code: string | null | undefined) => (code ? cityName(code) : ''),
  }
}
