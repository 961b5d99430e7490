/** Attachments (docs/guide/plan-api.md "Files"): upload, and the address each file is fetched at. */
import { API_BASE, api, ok } from './http'
export type { FileView } from './types'

/** What the upload input accepts; the server decides by content (magic bytes), not by name. */
export const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip,.txt,application/pdf,image/png,image/jpeg,text/plain'

export const filesApi = {
  /** Multipart field `file`; 413 `request.too_large`, 415 `file.type_not_allowed`. */
  upload: (file: File) => {
    const form = new FormData()
    form.append('file', file)
    return ok(api.POST('/api/v1/files', { body: form }))
  },
}

/** GET /files/{id}: served as an attachment to whoever may see it (the session cookie suffices). */
export function fileUrl(id: number): string {
  return `${API_BASE}/files/${encodeURIComponent(String(id))}`
}

/** A byte count for people: 980 B, 12.3 KB, 4.5 MB. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
