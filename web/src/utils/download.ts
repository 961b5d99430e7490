import { dynamic, fileOf, type DynamicInit } from '@/api/http'

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

/**
 * Saves the file of a download call (`api.GET(path, { params, parseAs: 'blob' })`) under the
 * server's file name.
 */
export async function saveDownload(call: Parameters<typeof fileOf>[0], fallbackName: string): Promise<void> {
  const { blob, filename } = await fileOf(call, fallbackName)
  saveBlob(blob, filename)
}

/** Downloads the file at a path put together at run time (the list kit's export and import template). */
export function downloadApiFile(path: string, params: DynamicInit['params'], fallbackName: string): Promise<void> {
  return saveDownload(dynamic('GET', path, { params, parseAs: 'blob' }), fallbackName)
}
