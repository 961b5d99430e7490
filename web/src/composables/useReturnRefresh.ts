/**
 * Pages are kept alive per tab: reload a page's data when its tab is shown again (a plan
 * published in its editor, a report reviewed elsewhere), not on the first showing.
 */
import { onActivated } from 'vue'

export function useReturnRefresh(reload: () => unknown): void {
  let first = true
  onActivated(() => {
    if (first) {
      first = false
      return
    }
    void reload()
  })
}
