/**
 * One-time public links of a quota (`POST /quotas/{id}/links`): shown once, so the console offers
 * them to copy and as a CSV file to hand out.
 */
import type { LinkView } from '../api'

/** A link's address on this site (`url` is a path, `/public/survey/<token>`). */
export function absoluteUrl(url: string, origin: string): string {
  if (/^https?:\/\//i.test(url)) return url
  return `${origin.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The links as CSV (a BOM first, so that Excel reads the Chinese header as UTF-8), with their quota named. */
export function linksCsv(links: readonly LinkView[], origin: string, header: { no: string; region: string; service: string; url: string; token: string }, quota: { region: string; service: string }): string {
  const lines = [[header.no, header.region, header.service, header.url, header.token].map(csvField).join(',')]
  links.forEach((l, i) => lines.push([i + 1, quota.region, quota.service, absoluteUrl(l.url, origin), l.token].map(csvField).join(',')))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** The links' addresses, one a line (to paste into a message). */
export const linksText = (links: readonly LinkView[], origin: string): string => links.map((l) => absoluteUrl(l.url, origin)).join('\n')
