import { fetchFile } from '@/api/http'
import type { Query } from '@/api/query'

/** Saves a blob through a temporary object URL and a clicked `<a download>`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Downloads an API file (export or template) and saves it under the server's file name. */
export async function downloadApiFile(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const { blob, filename } = await fetchFile(path, query, fallbackName)
  saveBlob(blob, filename)
}
