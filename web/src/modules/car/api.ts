/**
 * Household-car 三包 (docs/engines/sanbao.md): the module's calls. The public self-check sends the
 * engine's own JSON and gets its decision back unchanged, so both are typed in ./sanbao.ts.
 */
import { dynamic, fileOf, ok, type DownloadedFile } from '@/api/http'
import type { Locale } from '@/i18n'
import type { CarModel, SanbaoDecision, SanbaoInput } from './sanbao'

/** The file name the report endpoint gives its PDF. */
export const REPORT_FILE = 'sanbao-self-check.pdf'

export const carApi = {
  /** The engine on the JSON of `longzhi engine sanbao --input`; answers exactly its decision (422 names the field, 429 when sent too often). */
  check: (input: SanbaoInput) => ok(dynamic<SanbaoDecision>('POST', '/api/v1/public/sanbao/check', { body: input })),
  /** The same decision as a printable PDF in `lang`. */
  report: (input: SanbaoInput, lang: Locale): Promise<DownloadedFile> =>
    fileOf(dynamic<Blob>('POST', '/api/v1/public/sanbao/report', { params: { query: { lang } }, body: input, parseAs: 'blob' }), REPORT_FILE),
  /** The makers' models with their 三包凭证 terms (n, periods). */
  models: () => ok(dynamic<CarModel[]>('GET', '/api/v1/public/sanbao/models')),
}
