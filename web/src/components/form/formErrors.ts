import type { InjectionKey, Ref } from 'vue'

/** Server field errors (422 `fields`) of the enclosing FormDialog, by field name. */
export const FORM_ERRORS: InjectionKey<Ref<Record<string, string>>> = Symbol('form-errors')
