/**
 * The seller's Art 28 deadlines as the console shows them: working days (Monday to Friday, less
 * the holidays the province enters, plus the weekend days it enters as working days) left before a
 * deadline, or past it — counted as the server counts them (crates/modules/car/src/calendar.rs).
 */

/** The days that differ from the week: date → a working day (`true`) or a day off (`false`). */
export type WorkCalendar = ReadonlyMap<string, boolean>

/** The calendar of the province's entries (GET /car/holidays). */
export function workCalendar(days: readonly { day: string; kind: string }[]): WorkCalendar {
  return new Map(days.map((d) => [d.day, d.kind === 'workday']))
}

const MS_PER_DAY = 86_400_000
const toUtc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The ISO date `n` calendar days after `iso`. */
export const addDays = (iso: string, n: number): string => fromUtc(toUtc(iso) + n * MS_PER_DAY)

export function isWorkingDay(cal: WorkCalendar, iso: string): boolean {
  const entered = cal.get(iso)
  if (entered !== undefined) return entered
  const weekday = new Date(toUtc(iso)).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** The working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  let n = 0
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(cal, d)) n++
  return n
}

/** The `n`-th working day after `from` (the day itself not counted): the last day of a period of `n` working days. */
export function addWorkingDays(cal: WorkCalendar, from: string, n: number): string {
  let d = from
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (isWorkingDay(cal, d)) left--
  }
  return d
}

/**
 * Where a deadline stands on `today`:
 * - `done`: met (answered, or the dispute closed) on `on`;
 * - `none`: it does not apply (the consumer asked for a repair: no replacement or refund to complete);
 * - `left`: `days` working days left (0: the deadline is today);
 * - `overdue`: `days` working days past it (still open).
 */
export type DeadlineState =
  | { kind: 'done'; on: string }
  | { kind: 'none' }
  | { kind: 'left'; days: number }
  | { kind: 'overdue'; days: number }

export function deadlineState(cal: WorkCalendar, due: string, today: string, done?: string | null): DeadlineState {
  if (done) return { kind: 'done', on: done }
  if (today > due) return { kind: 'overdue', days: Math.max(1, workingDaysBetween(cal, due, today)) }
  return { kind: 'left', days: workingDaysBetween(cal, today, due) }
}

/** The two deadlines of a dispute (answer within 10 working days, replacement or refund within 20). */
export interface DisputeDeadlines {
  answer: DeadlineState
  completion: DeadlineState
}

export function disputeDeadlines(
  cal: WorkCalendar,
  d: { status: string; request: string; answer_due: string; completion_due: string; answered_on?: string | null; closed_on?: string | null },
  today: string,
): DisputeDeadlines {
  const closed = d.status === 'closed' ? (d.closed_on ?? today) : null
  // A dispute closed without an answer: the answer is no longer awaited.
  const answer = d.answered_on ? deadlineState(cal, d.answer_due, today, d.answered_on) : closed ? { kind: 'none' as const } : deadlineState(cal, d.answer_due, today)
  const completion = d.request === 'repair' ? { kind: 'none' as const } : deadlineState(cal, d.completion_due, today, closed)
  return { answer, completion }
}

/** The years a calendar must cover to count from `today` to each date (their holidays are read per year). */
export function yearsBetween(...dates: string[]): number[] {
  const years = dates.filter(Boolean).map((d) => Number(d.slice(0, 4)))
  if (!years.length) return []
  const out: number[] = []
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push(y)
  return out
}
