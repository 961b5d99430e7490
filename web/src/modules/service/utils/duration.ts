/**
 * How long a respondent took: seconds from the questionnaire's opening to its sending (the
 * server flags speeding below the survey's `min_seconds`). The time the page spent hidden (another
 * tab, a locked phone) is left out, so that a form left open overnight does not read as 8 hours.
 */
export interface Stopwatch {
  /** Starts again from now. */
  reset(): void
  /** The page was hidden (true) or shown again (false). */
  hidden(isHidden: boolean): void
  /** Whole seconds counted so far. */
  seconds(): number
}

export function stopwatch(now: () => number = () => Date.now()): Stopwatch {
  let start = now()
  let hiddenSince: number | null = null
  let away = 0
  return {
    reset() {
      start = now()
      hiddenSince = null
      away = 0
    },
    hidden(isHidden) {
      if (isHidden && hiddenSince === null) hiddenSince = now()
      else if (!isHidden && hiddenSince !== null) {
        away += now() - hiddenSince
        hiddenSince = null
      }
    },
    seconds() {
      const end = now()
      const pausing = hiddenSince === null ? 0 : end - hiddenSince
      return Math.max(0, Math.round((end - start - away - pausing) / 1000))
    },
  }
}

/** Seconds as `m:ss` (or `h:mm:ss`). */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}
