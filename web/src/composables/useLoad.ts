/** Data a page reads with one call: its value, whether it is loading or failed, and a reload. */
import { ref, shallowRef, type Ref } from 'vue'
import { showError } from '@/utils/feedback'

export function useLoad<T>(fetch: () => Promise<T>, initial: T) {
  const data = shallowRef(initial) as Ref<T>
  const loading = ref(false)
  const failed = ref(false)
  let seq = 0

  /** Reads again; a read overtaken by a newer one is dropped. */
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    failed.value = false
    try {
      const value = await fetch()
      if (mine === seq) data.value = value
    } catch (e) {
      if (mine === seq) {
        failed.value = true
        showError(e)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  return { data, loading, failed, load }
}
