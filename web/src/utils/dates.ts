/** Calendar dates as the API writes them (YYYY-MM-DD, the viewer's local day). */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Today as YYYY-MM-DD. */
export const today = (): string => isoDate(new Date())
