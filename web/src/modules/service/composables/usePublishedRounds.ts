/** The rounds remediation tasks may be created on and filtered by: the published ones, newest first. */
import { onMounted, shallowRef } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { resultsApi, type RoundView } from '../resultsApi'

export function usePublishedRounds() {
  const auth = useAuthStore()
  const rounds = shallowRef<RoundView[]>([])
  onMounted(async () => {
    if (!auth.can('service:round:list')) return
    try {
      rounds.value = (await resultsApi.rounds('published')).items
    } catch {
      // The round filter is then empty.
    }
  })
  return rounds
}
