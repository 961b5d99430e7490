import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { noticesApi } from '@/api/notices'
import { POLL_MS, safeLink, useNoticesStore } from './notices'

/** Routes fetch calls to answers by "METHOD path" and records them. */
function serve(routes: Record<string, () => [number, unknown]>) {
  const seen: string[] = []
  vi.stubGlobal('fetch', async (request: Request) => {
    const url = new URL(request.url)
    const key = `${request.method} ${url.pathname}`
    seen.push(`${request.method} ${url.pathname}${url.search}`)
    const [status, body] = routes[key]?.() ?? [404, { code: 'not_found', message: key }]
    return new Response(body === undefined ? null : JSON.stringify(body), { status })
  })
  return seen
}

const notice = (id: number) => ({ id, kind: 'task_assigned', title: `n${id}`, body: '', link: `/plan/tasks?target=${id}`, created_at: '2023-05-01T00:00:00Z', read_at: null })

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('notices store', () => {
  it('polls the unread count every minute, and not while the tab is hidden', async () => {
    vi.useFakeTimers()
    let count = 2
    const calls = vi.spyOn(noticesApi, 'unreadCount').mockImplementation(async () => ({ count }))
    const flush = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve()
    }
    const store = useNoticesStore()
    store.start()
    await flush()
    expect(store.unread).toBe(2)
    count = 5
    await vi.advanceTimersByTimeAsync(POLL_MS - 1)
    expect(calls).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    await flush()
    expect(calls).toHaveBeenCalledTimes(2)
    expect(store.unread).toBe(5)

    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(calls).toHaveBeenCalledTimes(2)
    hidden.mockRestore()

    store.stop()
    await vi.advanceTimersByTimeAsync(POLL_MS * 3)
    expect(calls).toHaveBeenCalledTimes(2)
  })

  it('shares one request between concurrent refreshes and keeps the count on failure', async () => {
    let status = 200
    const seen = serve({ 'GET /api/v1/notices/unread-count': () => (status === 200 ? [200, { count: 3 }] : [500, { code: 'internal', message: 'x' }]) })
    const store = useNoticesStore()
    await Promise.all([store.refreshCount(), store.refreshCount()])
    expect(seen).toHaveLength(1)
    expect(store.unread).toBe(3)
    status = 500
    await store.refreshCount()
    expect(store.unread).toBe(3)
  })

  it('loads the latest unread, marks one and then all read', async () => {
    const seen = serve({
      'GET /api/v1/notices': () => [200, { items: [notice(1), notice(2)], total: 7, page: 1, page_size: 5 }],
      'POST /api/v1/notices/1/read': () => [204, undefined],
      'POST /api/v1/notices/read-all': () => [204, undefined],
    })
    const store = useNoticesStore()
    await store.loadLatest()
    expect(seen[0]).toBe('GET /api/v1/notices?unread=true&page=1&page_size=5')
    expect(store.unread).toBe(7)
    await store.markRead(store.latest[0])
    expect(store.latest.map((n) => n.id)).toEqual([2])
    expect(store.unread).toBe(6)
    await store.markAllRead()
    expect(store.latest).toEqual([])
    expect(store.unread).toBe(0)
    expect(seen).toContain('POST /api/v1/notices/read-all')
  })
})

describe('notice links', () => {
  it('follow only paths of the console', () => {
    expect(safeLink('/plan/tasks?target=12')).toBe('/plan/tasks?target=12')
    expect(safeLink(' /notices ')).toBe('/notices')
    expect(safeLink('//evil.example/x')).toBeNull()
    expect(safeLink('/\\evil.example')).toBeNull()
    expect(safeLink('https://evil.example')).toBeNull()
    expect(safeLink('javascript:alert(1)')).toBeNull()
    expect(safeLink('')).toBeNull()
    expect(safeLink(undefined)).toBeNull()
  })
})
