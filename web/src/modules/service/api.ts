/**
 * Service-quality monitoring (issue 18): the calls of the survey design, the rounds' fieldwork
 * (quotas, collectors, one-time links, responses, import and export) and the public survey, and the
 * names of their schemas, all from the server's OpenAPI document (src/api/schema.d.ts). The
 * results, remediation tasks and events have their calls in ./resultsApi.ts.
 */
import { api, ok } from '@/api/http'
import type { paths } from '@/api/schema'
import type { Schemas } from '@/api/types'

export type SurveyView = Schemas['ServiceSurveyView']
export type Construct = Schemas['ServiceConstruct']
export type SurveyItem = Schemas['ServiceItem']
export type PathLink = Schemas['ServicePath']
/** A service surveyed (a public or a life service). */
export type Sector = Schemas['ServiceSector']
export type RoundView = Schemas['ServiceRoundView']
export type QuotaView = Schemas['ServiceQuotaView']
export type LinkView = Schemas['ServiceLink']
export type ResponseView = Schemas['ServiceResponseView']
export type PublicSurvey = Schemas['ServicePublicSurvey']
export type JobView = Schemas['JobView']
export type ImportResult = Schemas['ImportResult']

type BodyOf<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
type Answer<P extends keyof paths> = paths[P]['get'] extends { responses: { 200: { content: { 'application/json': infer A } } } } ? A : never

/** A questionnaire's editable fields (create; an update adds `version`). */
export type SurveyInput = BodyOf<'/api/v1/service/surveys', 'post'>
export type SurveyUpdate = BodyOf<'/api/v1/service/surveys/{id}', 'put'>
export type NewRound = BodyOf<'/api/v1/service/rounds', 'post'>
export type RoundUpdate = BodyOf<'/api/v1/service/rounds/{id}', 'put'>
export type QuotaCell = BodyOf<'/api/v1/service/rounds/{id}/quotas', 'put'>['quotas'][number]
export type NewResponse = BodyOf<'/api/v1/service/rounds/{id}/responses', 'post'>
/** A survey staff member a city user may assign to a quota. */
export type Collector = Answer<'/api/v1/service/collectors'>[number]
export type SurveyFilters = NonNullable<paths['/api/v1/service/surveys']['get']['parameters']['query']>
export type ResponseFilters = NonNullable<paths['/api/v1/service/rounds/{id}/responses']['get']['parameters']['query']>

/**
 * Values the document gives only as strings: the console's lists of them, for its choices and
 * labels (crates/modules/service/src).
 */
export const SURVEY_STATUSES = ['draft', 'active', 'retired'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]
export const ROUND_STATUSES = ['design', 'fieldwork', 'closed', 'published'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]
/** How a response came in. */
export const CHANNELS = ['staff', 'import', 'link'] as const
/** The data-quality rules; any flag excludes the response from the results. */
export const FLAGS = ['straight_line', 'speeding', 'out_of_range', 'missing'] as const
export type Flag = (typeof FLAGS)[number]
/** The fields of the services: public services and life services. */
export const FIELDS = ['public', 'life'] as const
export type Field = (typeof FIELDS)[number]
/** The scales a questionnaire may use (1–10 or 1–5). */
export const SCALES = [10, 5] as const
/** Links one call may issue (`POST /service/quotas/{id}/links`). */
export const LINKS_MAX = 500
/** Bootstrap resamples of a round's computation: the default and the server's range (rounds.rs). */
export const DEFAULT_RESAMPLES = 1000
export const RESAMPLES_MIN = 100
export const RESAMPLES_MAX = 5000
/** Valid responses a computation needs (results.rs `MIN_RESPONSES`). */
export const MIN_VALID = 30

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }

export const serviceApi = {
  /** The services surveyed, each with its field. */
  services: () => ok(api.GET('/api/v1/service/services')),

  /** Questionnaires for the choices of a form (`status` active for a new round). */
  surveys: (query: SurveyFilters = {}) => ok(api.GET('/api/v1/service/surveys', { params: { query: { page_size: 200, ...query } } })),
  survey: (surveyId: number) => ok(api.GET('/api/v1/service/surveys/{id}', { params: id(surveyId) })),
  createSurvey: (body: SurveyInput) => ok(api.POST('/api/v1/service/surveys', { body })),
  /** Saves a draft. */
  updateSurvey: (surveyId: number, body: SurveyUpdate) => ok(api.PUT('/api/v1/service/surveys/{id}', { params: id(surveyId), body })),
  /** Activates a draft after the PLS engine checked its model (its errors name the field, `paths[2].to`). */
  activateSurvey: (surveyId: number, version: number) => ok(api.POST('/api/v1/service/surveys/{id}/activate', { params: id(surveyId), body: { version } })),
  /** A new draft (edition + 1) copied from the questionnaire. */
  reviseSurvey: (surveyId: number, version: number) => ok(api.POST('/api/v1/service/surveys/{id}/revise', { params: id(surveyId), body: { version } })),
  /** The engine's MODEL.toml, for `saveDownload`. */
  modelToml: (surveyId: number) => api.GET('/api/v1/service/surveys/{id}/model.toml', { params: id(surveyId), ...blob }),

  round: (roundId: number) => ok(api.GET('/api/v1/service/rounds/{id}', { params: id(roundId) })),
  createRound: (body: NewRound) => ok(api.POST('/api/v1/service/rounds', { body })),
  /** Changes a round in design. */
  updateRound: (roundId: number, body: RoundUpdate) => ok(api.PUT('/api/v1/service/rounds/{id}', { params: id(roundId), body })),
  /** design → fieldwork (needs quotas). */
  openRound: (roundId: number, version: number) => ok(api.POST('/api/v1/service/rounds/{id}/open', { params: id(roundId), body: { version } })),
  /** fieldwork → closed. */
  closeRound: (roundId: number, version: number) => ok(api.POST('/api/v1/service/rounds/{id}/close', { params: id(roundId), body: { version } })),
  /** closed and computed → published: the 通报 is generated and the cities notified. */
  publishRound: (roundId: number, version: number) => ok(api.POST('/api/v1/service/rounds/{id}/publish', { params: id(roundId), body: { version } })),
  /** Queues the PLS computation of the round (a platform job, followed by `job`). */
  compute: (roundId: number) => ok(api.POST('/api/v1/service/rounds/{id}/compute', { params: id(roundId) })),
  /** The 通报 PDF (a preview for the province before publication), for `saveDownload`. */
  notice: (roundId: number) => api.GET('/api/v1/service/rounds/{id}/notice.pdf', { params: id(roundId), ...blob }),
  job: (jobId: number) => ok(api.GET('/api/v1/jobs/{id}', { params: id(jobId) })),

  /** The quotas the caller's scope sees. */
  quotas: (roundId: number) => ok(api.GET('/api/v1/service/rounds/{id}/quotas', { params: id(roundId) })),
  /** Replaces the grid (province; a target 0 removes a cell without responses). */
  saveQuotas: (roundId: number, quotas: QuotaCell[]) => ok(api.PUT('/api/v1/service/rounds/{id}/quotas', { params: id(roundId), body: { quotas } })),
  collectors: () => ok(api.GET('/api/v1/service/collectors')),
  assignCollector: (quotaId: number, collectorId: number | null, version: number) =>
    ok(api.PUT('/api/v1/service/quotas/{id}/collector', { params: id(quotaId), body: { collector_id: collectorId, version } })),
  /** One-time public links of a quota; the tokens are shown once only. */
  issueLinks: (quotaId: number, count: number) => ok(api.POST('/api/v1/service/quotas/{id}/links', { params: id(quotaId), body: { count } })),

  /** A response entered by survey staff (its flags are computed at once). */
  createResponse: (roundId: number, body: NewResponse) => ok(api.POST('/api/v1/service/rounds/{id}/responses', { params: id(roundId), body })),
  /** The number of responses matching a filter (a page of one). */
  countResponses: async (roundId: number, query: ResponseFilters) =>
    (await ok(api.GET('/api/v1/service/rounds/{id}/responses', { params: { path: { id: roundId }, query: { ...query, page: 1, page_size: 1 } } }))).total,

  publicSurvey: (token: string) => ok(api.GET('/api/v1/public/survey/{token}', { params: { path: { token } } })),
  submitPublic: (token: string, body: BodyOf<'/api/v1/public/survey/{token}', 'post'>) => ok(api.POST('/api/v1/public/survey/{token}', { params: { path: { token } }, body })),
}

/** Collection paths of the list kit. */
export const SURVEYS_PATH = '/api/v1/service/surveys'
export const ROUNDS_PATH = '/api/v1/service/rounds'
/** A round's responses (with `pathParams` `{ id }`); export is `<path>/export`. */
export const RESPONSES_PATH = '/api/v1/service/rounds/{id}/responses'
/** A round's responses put together, for the import dialog (`<path>/import`, `<path>/import-template`). */
export const responsesPath = (roundId: number) => `/api/v1/service/rounds/${roundId}/responses`
