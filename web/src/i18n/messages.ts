/** The console's texts: its own (locales/) with every module's (src/modules/index.ts) merged in. */
import { modules } from '@/modules'
import type { MessageTree } from '@/modules/module'
import en from './locales/en'
import zhCN from './locales/zh-CN'

/**
 * `base` with `extra`'s keys added, nested objects merged; a key both give a string (or one a
 * string and the other an object) throws, so that a module cannot silently replace a text.
 */
export function mergeMessages<T extends object>(base: T, extra: MessageTree, path = ''): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(extra)) {
    const here = out[key]
    if (here === undefined) out[key] = value
    else if (typeof here === 'object' && here !== null && typeof value === 'object') out[key] = mergeMessages(here, value, `${path}${key}.`)
    else throw new Error(`the text ${path}${key} is defined twice`)
  }
  return out as T
}

export const messages = {
  'zh-CN': modules.reduce((all, m) => mergeMessages(all, m.messages['zh-CN']), zhCN),
  en: modules.reduce((all, m) => mergeMessages(all, m.messages.en), en),
}
