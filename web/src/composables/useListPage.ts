/**
 * State and actions of a server-paged list: filters, `page`/`page_size`, server-side `sort`,
 * selection, delete, and Excel export of the current filter (docs/api.md "Lists").
 */
import { computed, reactive, ref, shallowRef, type Ref, type UnwrapRef } from 'vue'
import { dynamic, ok, type GetPath } from '@/api/http'
import { sortParam, type Query, type SortOrder } from '@/api/query'
import type { Page } from '@/api/types'
import { i18n } from '@/i18n'
import { downloadApiFile } from '@/utils/download'
import { confirmAction, showError, showSuccess } from '@/utils/feedback'

export interface ListPageOptions<F extends object> {
  /**
   * The collection's path as the OpenAPI document names it, e.g. `/api/v1/system/users` (a path
   * the server does not serve fails the type check); its `{…}` parameters come from `pathParams`.
   * Export, import and tree are `<endpoint>/export`, `/import`, `/import-template`, `/tree`.
   */
  endpoint: GetPath
  /** The values of the endpoint's path parameters (`{type}` of `/api/v1/system/dicts/{type}/items`). */
  pathParams?: () => Record<string, string | number>
  /**
   * `page` (default): a server-paged list. `tree`: GET `<endpoint>/tree`, rows carry `children`.
   * `all`: the endpoint answers a plain array. The last two are not paged.
   */
  source?: 'page' | 'tree' | 'all'
  /** Unpaged sources: keeps a row (a tree node: or a descendant) that matches the filters. */
  clientFilter?: (row: never, filters: never) => boolean
  /** Deletes a row elsewhere than `DELETE <endpoint>/{id}` (a typed call of the API client). */
  deleteRow?: (row: never) => Promise<unknown>
  /** A fresh set of filters (also what Reset restores). */
  filters: () => F
  /** Maps filter values to query parameters (date ranges, trimmed text); identity by default. */
  toQuery?: (filters: UnwrapRef<F>) => Query
  defaultSort?: string
  pageSize?: number
  /** File name used when the server names none. */
  exportName?: string
  /** The id used in `DELETE <endpoint>/{id}`. */
  idOf?: (row: never) => string | number
  /** Load immediately (default true). */
  immediate?: boolean
}

export const PAGE_SIZES = [10, 20, 50, 100]

/** Drops empty filter values and trims strings. */
export function cleanFilters(filters: object): Query {
  const out: Query = {}
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null) continue
    if (typeof v === 'string') {
      if (v.trim() !== '') out[k] = v.trim()
    } else if (Array.isArray(v)) {
      if (v.length) out[k] = v as (string | number)[]
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      out[k] = v
    }
  }
  return out
}

type TreeRow = { children?: TreeRow[] }

/** Nodes that match, or that have a matching descendant (kept with their matching subtree). */
export function filterTree<T>(rows: T[], keep: (row: T) => boolean): T[] {
  const out: T[] = []
  for (const row of rows) {
    const kids = (row as TreeRow).children as T[] | undefined
    if (keep(row)) out.push(row)
    else if (kids?.length) {
      const sub = filterTree(kids, keep)
      if (sub.length) out.push({ ...row, children: sub })
    }
  }
  return out
}

export function countTree<T>(rows: T[]): number {
  return rows.reduce((n, r) => n + 1 + countTree(((r as TreeRow).children ?? []) as T[]), 0)
}

export function useListPage<T, F extends object = Record<string, unknown>>(opts: ListPageOptions<F>) {
  const filters = reactive(opts.filters())
  const page = ref(1)
  const pageSize = ref(opts.pageSize ?? 20)
  const sort = ref<string | undefined>(opts.defaultSort)
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const selection = shallowRef<T[]>([]) as Ref<T[]>
  const showSearch = ref(true)
  let seq = 0
  const endpoint = opts.endpoint
  const pathParams = () => opts.pathParams?.() ?? {}
  const tree = opts.source === 'tree'
  const paged = (opts.source ?? 'page') === 'page'

  /** Filters and sort: what both the list and its export are asked with. */
  const query = computed<Query>(() => ({
    ...(opts.toQuery ? opts.toQuery(filters as UnwrapRef<F>) : cleanFilters(filters)),
    sort: sort.value,
  }))

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      if (!paged) {
        const all = await ok(dynamic<T[]>('GET', tree ? `${endpoint}/tree` : endpoint, { params: { path: pathParams(), query: query.value } }))
        if (mine !== seq) return
        const keep = opts.clientFilter as ((row: T, f: unknown) => boolean) | undefined
        items.value = keep ? filterTree(all, (row) => keep(row, filters)) : all
        total.value = countTree(items.value)
        return
      }
      const res = await ok(dynamic<Page<T>>('GET', endpoint, { params: { path: pathParams(), query: { ...query.value, page: page.value, page_size: pageSize.value } } }))
      if (mine !== seq) return
      items.value = res.items
      total.value = res.total
      // A delete may leave the page past the end: step back.
      if (res.items.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mine === seq) showError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(filters, opts.filters())
    sort.value = opts.defaultSort
    return search()
  }

  function onSortChange(e: { prop: string | null; order: SortOrder }): void {
    // Unpaged lists are sorted by the table itself.
    if (!paged) return
    sort.value = sortParam(e.prop, e.order) ?? opts.defaultSort
    void search()
  }

  function onPageChange(p: number): void {
    page.value = p
    void load()
  }

  function onPageSizeChange(s: number): void {
    pageSize.value = s
    void search()
  }

  function toggleSearch(): void {
    showSearch.value = !showSearch.value
  }

  function onSelectionChange(rows: T[]): void {
    selection.value = rows
  }

  const exporting = ref(false)
  async function exportExcel(): Promise<void> {
    exporting.value = true
    try {
      await downloadApiFile(`${endpoint}/export`, { path: pathParams(), query: query.value }, opts.exportName ?? 'export.xlsx')
    } catch (e) {
      showError(e)
    } finally {
      exporting.value = false
    }
  }

  const idOf = (opts.idOf ?? ((row: { id: string | number }) => row.id)) as (row: T) => string | number

  /** Asks, then deletes the rows one by one; stops at the first refusal and reloads. */
  async function remove(rows: T[], label?: string, texts?: { confirm: string; done: string }): Promise<void> {
    if (rows.length === 0) return
    const { t } = i18n.global
    const message = texts?.confirm ?? (rows.length === 1 && label ? t('common.deleteOneConfirm', { name: label }) : t('common.deleteConfirm', { n: rows.length }))
    if (!(await confirmAction(message))) return
    try {
      const del = (opts.deleteRow as ((row: T) => Promise<unknown>) | undefined) ?? ((row: T) => ok(dynamic('DELETE', `${endpoint}/{id}`, { params: { path: { ...pathParams(), id: idOf(row) } } })))
      for (const row of rows) await del(row)
      showSuccess(texts?.done ?? t('common.deleted'))
    } catch (e) {
      showError(e)
    }
    await load()
  }

  if (opts.immediate !== false) void load()

  return {
    endpoint, tree, paged,
    filters, page, pageSize, sort, items, total, loading, selection, showSearch, query, exporting,
    load, search, reset, toggleSearch, onSortChange, onPageChange, onPageSizeChange, onSelectionChange, exportExcel, remove, idOf,
  }
}

export type ListPageState<T, F extends object = object> = ReturnType<typeof useListPage<T, F>>
