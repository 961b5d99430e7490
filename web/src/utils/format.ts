/** Display helpers shared by the list pages. */
import { currentLocale } from '@/i18n'

/** An ISO timestamp in the viewer's locale and time zone; '' for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(currentLocale() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false })
}

/** A short user-agent description (browser and platform), the full string in the title. */
export function shortUserAgent(ua: string | null | undefined): string {
  if (!ua) return ''
  const browser = /(Edg|Chrome|Firefox|Safari)\/([\d.]+)/.exec(ua)
  const os = /(Windows NT [\d.]+|Mac OS X [\d_]+|Android [\d.]+|Linux|iPhone OS [\d_]+)/.exec(ua)
  return [browser ? `${browser[1]} ${browser[2].split('.')[0]}` : '', os ? os[1].replace(/_/g, '.') : ''].filter(Boolean).join(' · ') || ua.slice(0, 40)
}

/** A record's name in the UI language: `name_en` in English when it has one. */
export function localName(row: { name: string; name_en?: string | null }): string {
  return currentLocale() === 'en' && row.name_en ? row.name_en : row.name
}
