/** How the console marks the 三包 engine's remedies and a dispute's state. */
import { REMEDIES, type Remedy } from '../sanbao'

type TagType = 'danger' | 'warning' | 'primary' | 'info' | 'success'

/** The remedy's colour, strongest red: a refund or replacement, a free assembly, a repair, none. */
export const REMEDY_TAG: Record<Remedy, TagType> = {
  refund_or_replace: 'danger',
  free_assembly_replacement: 'warning',
  repair: 'primary',
  none: 'info',
}

export const isRemedy = (v: string): v is Remedy => (REMEDIES as readonly string[]).includes(v)

/** A remedy's tag type (an unknown one grey). */
export const remedyTag = (v: string): TagType => (isRemedy(v) ? REMEDY_TAG[v] : 'info')
