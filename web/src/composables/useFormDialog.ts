/** Open/close state of a create-or-edit dialog and the model it edits. */
import { computed, reactive, ref } from 'vue'

export function useFormDialog<M extends object>(blank: () => M) {
  const visible = ref(false)
  const editingId = ref<string | number | null>(null)
  const model = reactive(blank()) as M
  const isEdit = computed(() => editingId.value !== null)

  function replace(values: object): void {
    for (const k of Object.keys(model)) delete (model as Record<string, unknown>)[k]
    Object.assign(model, values)
  }

  function openCreate(initial: Partial<M> = {}): void {
    editingId.value = null
    replace({ ...blank(), ...initial })
    visible.value = true
  }

  /** Opens for an existing record; `values` is the record mapped onto the form. */
  function openEdit(id: string | number, values: Partial<M>): void {
    editingId.value = id
    replace({ ...blank(), ...values })
    visible.value = true
  }

  return { visible, editingId, model, isEdit, openCreate, openEdit }
}
