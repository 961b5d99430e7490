import type { RouteRecordRaw } from 'vue-router'

/** A module's texts: nested keys down to strings, as in src/i18n/locales. */
export interface MessageTree {
  [key: string]: string | MessageTree
}

/**
 * A business module of the console (docs/guide/adding-a-module.md, "Console"): one folder
 * `src/modules/<name>/` with its pages, components, API calls and texts, registered by one line
 * in `src/modules/index.ts`.
 */
export interface ConsoleModule {
  /** The folder's name (`plan`). */
  name: string
  /**
   * Its pages inside the admin layout, in menu order; each page's `meta` gives the menu entry
   * (`title`, `icon`) and the permission it needs (`permission`), from which the menu is built.
   */
  routes: RouteRecordRaw[]
  /**
   * Its pages outside the admin layout, reachable without login (`meta.public`), with absolute
   * paths (`/public/…`); optional.
   */
  publicRoutes?: RouteRecordRaw[]
  /**
   * Its texts, merged into the console's (src/i18n/messages.ts): its own top-level keys, its
   * menu titles under `menu`, the translations of its error codes under `errors`. A key the
   * console or another module already has is an error.
   */
  messages: { 'zh-CN': MessageTree; en: MessageTree }
}

/** Types a module's definition. */
export function defineModule(m: ConsoleModule): ConsoleModule {
  return m
}
