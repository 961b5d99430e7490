/**
 * Household-car 三包 (docs/guide/car.md): the public self-check's calls. `check` and `report` take
 * the engine's own JSON, which the OpenAPI document types only as an object, so the case and the
 * decision are typed in ./sanbao.ts after the engine; the models are the document's `ModelView`,
 * the seller's Art 28 dates its `Deadlines`.
 */
import { api, fileOf, ok, quiet, type DownloadedFile } from '@/api/http'
import type { Schemas } from '@/api/types'
import type { Locale } from '@/i18n'
import type { SanbaoDecision, SanbaoInput } from './sanbao'

/** The seller's Art 28 deadlines (dates) for a request received on `received_on`: the 10th and 20th working day after, in the province's calendar. */
export type Deadlines = Schemas['Deadlines']

/** A maker's model with the terms of its 三包凭证: n (a fraction) and the periods it promises. */
export type CarModel = Schemas['ModelView']

/** The PDF's name when the answer names none (the server names it in the language asked for). */
export const REPORT_FILE = 'sanbao-self-check.pdf'

export const carApi = {
  /** The engine on the JSON of `longzhi engine sanbao --input`; answers exactly its decision (422 names the field, 429 when sent too often). */
  check: async (input: SanbaoInput): Promise<SanbaoDecision> => (await ok(api.POST('/api/v1/public/sanbao/check', { body: input as never }))) as unknown as SanbaoDecision,
  /** The same decision as a printable PDF in `lang`. */
  report: (input: SanbaoInput, lang: Locale): Promise<DownloadedFile> =>
    fileOf(api.POST('/api/v1/public/sanbao/report', { params: { query: { lang } }, body: input as never, parseAs: 'blob' }), REPORT_FILE),
  /** The makers' active models with their 三包凭证 terms. */
  models: () => ok(api.GET('/api/v1/public/sanbao/models')),
  /**
   * The seller's answer and completion dates (Art 28) for a request received on `receivedOn`
   * (YYYY-MM-DD), in the province's working days. `quiet`: a secondary call, whose failure only
   * leaves the dates out, never moves the consumer to the login page.
   */
  deadlines: (receivedOn: string): Promise<Deadlines> =>
    ok(api.GET('/api/v1/public/sanbao/deadlines', { params: { query: { received_on: receivedOn } }, middleware: [quiet] })),
}
