import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

const COLLAPSE_KEY = 'lz.sidebar.collapsed'
/** Below this width the sidebar becomes an overlay drawer (tablet portrait and phones). */
export const NARROW_WIDTH = 992

/** Layout state: sidebar collapsed or open, narrow screen. */
export const useAppStore = defineStore('app', () => {
  const collapsed = ref(localStorage.getItem(COLLAPSE_KEY) === '1')
  const narrow = ref(window.innerWidth < NARROW_WIDTH)
  /** On narrow screens the menu is a drawer, closed by default. */
  const drawerOpen = ref(false)

  watch(collapsed, (v) => localStorage.setItem(COLLAPSE_KEY, v ? '1' : '0'))

  function onResize(): void {
    narrow.value = window.innerWidth < NARROW_WIDTH
    if (!narrow.value) drawerOpen.value = false
  }

  function toggleSidebar(): void {
    if (narrow.value) drawerOpen.value = !drawerOpen.value
    else collapsed.value = !collapsed.value
  }

  return { collapsed, narrow, drawerOpen, onResize, toggleSidebar }
})
