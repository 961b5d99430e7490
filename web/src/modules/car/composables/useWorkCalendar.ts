/**
 * The province's working calendar for counting the Art 28 deadlines in the browser: the days it
 * entered for the years asked (GET /car/holidays, read once per year and page load), for those who
 * may read it; without that permission, weekends only (the server's dates stay the reference).
 */
import { shallowRef, watch, type Ref } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { carConsoleApi, type HolidayView } from '../consoleApi'
import { workCalendar, type WorkCalendar } from '../utils/deadlines'

const years = new Map<number, Promise<HolidayView[]>>()

function year(y: number): Promise<HolidayView[]> {
  let p = years.get(y)
  if (!p) {
    p = carConsoleApi.holidays(y).catch(() => {
      years.delete(y)
      return []
    })
    years.set(y, p)
  }
  return p
}

/** Forgets the years read (after the calendar was changed). */
export function forgetWorkCalendar(): void {
  years.clear()
}

export function useWorkCalendar(wanted: Ref<number[]>) {
  const auth = useAuthStore()
  const calendar = shallowRef<WorkCalendar>(workCalendar([]))
  /** Whether the holidays are known (else only weekends are days off). */
  const complete = shallowRef(false)
  watch(wanted, async (ys) => {
    if (!auth.can('car:calendar:list') || !ys.length) {
      complete.value = false
      return
    }
    const days = (await Promise.all(ys.map(year))).flat()
    calendar.value = workCalendar(days)
    complete.value = true
  }, { immediate: true })
  return { calendar, complete }
}
