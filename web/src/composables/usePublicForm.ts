/**
 * The choices of the public form (GET /public/defect-reports/form: product categories, hazards and
 * the province's cities, with no permission needed), loaded once per page load: the public page
 * offers them, the console names cities by them (the injury and recall modules).
 */
import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { showError } from '@/utils/feedback'
import { api, ok } from '@/api/http'
import type { Schemas } from '@/api/types'

export type PublicForm = Schemas['PublicForm']
export type FormOption = Schemas['FormOption']

const form = shallowRef<PublicForm | null>(null)
let loading: Promise<void> | null = null

/** Loads the form's choices (once); failures are shown unless `quiet`. */
export function loadPublicForm(quiet = false): Promise<void> {
  if (!loading) {
    loading = ok(api.GET('/api/v1/public/defect-reports/form'))
      .then((f) => {
        form.value = f
      })
      .catch((e: unknown) => {
        loading = null
        if (!quiet) showError(e)
      })
  }
  return loading
}

export function usePublicForm() {
  void loadPublicForm()
  const { locale } = useI18n()
  const label = (o: FormOption) => (locale.value === 'en' ? o.label_en || o.label : o.label || o.label_en)
  const cities = computed(() => form.value?.cities ?? [])
  const byCode = computed(() => new Map(cities.value.map((c) => [c.value, c])))
  return {
    form,
    cities,
    label,
    /** A city's name by its code (the code itself while loading or when unknown). */
    cityName: (code: string | null | undefined, fallback?: string | null) => {
      const c = code ? byCode.value.get(code) : undefined
      return c ? label(c) : (fallback ?? code ?? '')
    },
  }
}
