/** Query-string building for list endpoints: `page`, `page_size`, `sort` and the filters. */

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]
export type Query = Record<string, QueryValue>

/** Drops empty values (undefined, null, '', []); arrays repeat the key; keys keep their order. */
export function buildQuery(params: Query): string {
  const sp = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const v of value) sp.append(key, String(v))
    } else {
      sp.append(key, String(value))
    }
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

export type SortOrder = 'ascending' | 'descending' | null

/** Element Plus sort state → the server's `sort` (`field` or `-field`); undefined when unsorted. */
export function sortParam(prop: string | null | undefined, order: SortOrder): string | undefined {
  if (!prop || !order) return undefined
  return order === 'descending' ? `-${prop}` : prop
}

/** The reverse of sortParam for the first field of a `sort` value. */
export function parseSort(sort: string | undefined): { prop: string; order: SortOrder } | undefined {
  const first = sort?.split(',')[0]?.trim()
  if (!first) return undefined
  return first.startsWith('-')
    ? { prop: first.slice(1), order: 'descending' }
    : { prop: first, order: 'ascending' }
}
