/** The signed-in user's notices (docs/guide/plan-api.md "Notices"); no permission needed. */
import { http } from './http'
import type { Page } from './types'

export const NOTICE_KINDS = ['task_assigned', 'report_returned', 'report_accepted', 'report_submitted', 'deadline_near', 'overdue'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export interface NoticeView {
  id: number
  kind: NoticeKind | string
  title: string
  body: string
  /** An SPA path such as `/plan/tasks?target=12`. */
  link: string
  created_at: string
  read_at?: string | null
}

export const noticesApi = {
  list: (query: { unread?: boolean; page?: number; page_size?: number } = {}) => http.get<Page<NoticeView>>('/notices', query),
  unreadCount: () => http.get<{ count: number }>('/notices/unread-count'),
  read: (id: number) => http.post<void>(`/notices/${id}/read`),
  readAll: () => http.post<void>('/notices/read-all'),
}
