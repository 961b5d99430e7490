/** The compact 12-month view of the working calendar: each month as weeks from Monday to Sunday. */

const pad = (n: number) => String(n).padStart(2, '0')

/** The days of `month` (1–12) of `year` as weeks (Monday first), blanks (null) before the 1st and after the last. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1))
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  // Monday = 0 … Sunday = 6.
  const lead = (first.getUTCDay() + 6) % 7
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)]
  for (let d = 1; d <= days; d++) cells.push(`${year}-${pad(month)}-${pad(d)}`)
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** Whether a date is a Saturday or a Sunday. */
export const isWeekend = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay()
  return d === 0 || d === 6
}

/** The kind a new entry of a day must have to change anything: a day off on a weekday, a working day on a weekend. */
export const kindFor = (iso: string): 'holiday' | 'workday' => (isWeekend(iso) ? 'workday' : 'holiday')
