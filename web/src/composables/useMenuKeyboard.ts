/**
 * Element Plus gives only horizontal menus keyboard support. This makes the vertical sidebar
 * menu reachable with Tab, opens entries with Enter or Space and moves with the arrow keys.
 */
import { nextTick, onMounted, watch, type Ref, type WatchSource } from 'vue'

const ITEM = 'li.el-menu-item, .el-sub-menu__title'

function visibleItems(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(ITEM)].filter((el) => el.offsetParent !== null)
}

export function useMenuKeyboard(root: Ref<HTMLElement | undefined>, changes: WatchSource): void {
  function enable(): void {
    void nextTick(() => {
      for (const el of root.value?.querySelectorAll<HTMLElement>(ITEM) ?? []) el.setAttribute('tabindex', '0')
    })
  }

  function onKeydown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement
    if (!root.value || !target.matches(ITEM)) return
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      target.click()
      enable()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const items = visibleItems(root.value)
      const i = items.indexOf(target)
      items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
    }
  }

  onMounted(() => {
    enable()
    root.value?.addEventListener('keydown', onKeydown)
  })
  watch(changes, enable, { deep: true })
}
