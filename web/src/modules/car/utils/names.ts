/** A car's make and model as people say it: the model alone when its name already starts with the brand (远航 E5, not 远航 远航 E5). */
export function carName(brand: string | null | undefined, model: string | null | undefined): string {
  const b = (brand ?? '').trim()
  const m = (model ?? '').trim()
  if (!b) return m
  if (!m) return b
  return m.startsWith(b) ? m : `${b} ${m}`
}
