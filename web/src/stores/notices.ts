import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { noticesApi, type NoticeView } from '@/api/notices'

/** How often the header bell asks for the unread count. */
export const POLL_MS = 60_000
/** How many unread notices the bell's dropdown shows. */
export const LATEST_SIZE = 5

/**
 * Where a notice may lead: an SPA path of this console (`/plan/tasks?target=12`), never another
 * site (`//host`, `https:`) or a script URL; null otherwise.
 */
export function safeLink(link: string | null | undefined): string | null {
  if (!link) return null
  const l = link.trim()
  if (!l.startsWith('/') || l.startsWith('//') || l.startsWith('/\\')) return null
  return l
}

/** The signed-in user's unread count and latest unread notices, polled while the layout is shown. */
export const useNoticesStore = defineStore('notices', () => {
  const unread = ref(0)
  const latest = shallowRef<NoticeView[]>([])
  let timer: ReturnType<typeof setInterval> | undefined
  let inflight: Promise<void> | null = null

  /** Reads the count; concurrent calls share one request; errors leave the last count. */
  function refreshCount(): Promise<void> {
    inflight ??= noticesApi
      .unreadCount()
      .then((r) => {
        unread.value = Math.max(0, Number(r.count) || 0)
      })
      .catch(() => {
        // A failed poll is not worth a message; the next one tries again (a 401 still redirects).
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  async function loadLatest(): Promise<void> {
    const page = await noticesApi.list({ unread: true, page: 1, page_size: LATEST_SIZE })
    latest.value = page.items
    unread.value = page.total
  }

  async function markRead(n: NoticeView): Promise<void> {
    if (n.read_at) return
    await noticesApi.read(n.id)
    latest.value = latest.value.filter((x) => x.id !== n.id)
    unread.value = Math.max(0, unread.value - 1)
  }

  async function markAllRead(): Promise<void> {
    await noticesApi.readAll()
    latest.value = []
    unread.value = 0
  }

  /** Polls every POLL_MS (skipped while the tab is hidden) after reading the count once now. */
  function start(): void {
    stop()
    void refreshCount()
    timer = setInterval(() => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return
      void refreshCount()
    }, POLL_MS)
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }

  function reset(): void {
    stop()
    unread.value = 0
    latest.value = []
  }

  return { unread, latest, refreshCount, loadLatest, markRead, markAllRead, start, stop, reset }
})
