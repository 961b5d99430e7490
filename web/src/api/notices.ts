/** The signed-in user's notices (docs/guide/plan-api.md "Notices"); no permission needed. */
import { api, ok } from './http'
import type { operations } from './schema'
export type { NoticeView } from './types'

/** The `kind`s the server sends (the document types `kind` as a string); a newer one is shown as it is. */
export const NOTICE_KINDS = ['task_assigned', 'report_returned', 'report_accepted', 'report_submitted', 'deadline_near', 'overdue'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const noticesApi = {
  list: (query: operations['getNotices']['parameters']['query'] = {}) => ok(api.GET('/api/v1/notices', { params: { query } })),
  unreadCount: () => ok(api.GET('/api/v1/notices/unread-count')),
  read: (id: number) => ok(api.POST('/api/v1/notices/{id}/read', { params: { path: { id } } })),
  readAll: () => ok(api.POST('/api/v1/notices/read-all')),
}
