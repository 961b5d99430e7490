/** System-management writes (docs/api.md "System management"); lists go through useListPage. */
import { http } from './http'
import type { DictItem, DictType, Org, Page, Param, PermissionNode, Region, Role, User } from './types'

type Body<T> = Omit<Partial<T>, 'id'>

function save<T>(base: string, id: string | number | null, body: object): Promise<T> {
  return id === null ? http.post<T>(base, body) : http.put<T>(`${base}/${encodeURIComponent(String(id))}`, body)
}

export const systemApi = {
  saveUser: (id: number | null, body: Body<User> & { password?: string }) => save<User>('/system/users', id, body),
  getUser: (id: number) => http.get<User>(`/system/users/${id}`),
  resetPassword: (id: number, new_password: string) => http.post<void>(`/system/users/${id}/reset-password`, { new_password }),
  setUserEnabled: (id: number, enabled: boolean) => http.put<void>(`/system/users/${id}/status`, { enabled }),

  roles: () => http.get<Page<Role>>('/system/roles', { page_size: 500, sort: 'name' }),
  saveRole: (id: number | null, body: Body<Role>) => save<Role>('/system/roles', id, body),
  permissionTree: async (): Promise<PermissionNode[]> => {
    const raw = await http.get<PermissionNode[] | { items: PermissionNode[] }>('/system/permissions')
    return Array.isArray(raw) ? raw : raw.items
  },

  orgTree: async (): Promise<Org[]> => {
    const raw = await http.get<Org[] | { items: Org[] }>('/system/orgs/tree')
    return Array.isArray(raw) ? raw : raw.items
  },
  saveOrg: (id: number | null, body: Body<Org>) => save<Org>('/system/orgs', id, body),

  regionTree: async (): Promise<Region[]> => {
    const raw = await http.get<Region[] | { items: Region[] }>('/system/regions/tree')
    return Array.isArray(raw) ? raw : raw.items
  },
  saveRegion: (code: string, body: Body<Region>) => http.put<Region>(`/system/regions/${encodeURIComponent(code)}`, body),

  saveDictType: (type: string | null, body: Body<DictType>) => save<DictType>('/system/dicts', type, body),
  saveDictItem: (type: string, id: number | null, body: Body<DictItem>) =>
    save<DictItem>(`/system/dicts/${encodeURIComponent(type)}/items`, id, body),

  saveParam: (key: string, body: Pick<Param, 'value' | 'version'>) => http.put<Param>(`/system/params/${encodeURIComponent(key)}`, body),
}
