/**
 * The service-quality module's texts of the results, the remediation tasks and the events
 * (English); merged with the module's others in ./en.ts.
 */
import type zh from './results.zh-CN'

const en: typeof zh = {
  serviceResults: {
    title: 'Results', edition: 'edition {n}', computedAt: 'Computed {at}',
    compute: 'Compute', recompute: 'Compute again', computing: 'Computing…', computed: 'The results are computed', computeFailed: 'The computation failed',
    publish: 'Publish', publishConfirm: 'Publishing generates the notice of “{name}” and notifies the cities, who then see the whole province’s results. Publish?', published: 'The results are published',
    notice: 'Notice (PDF)', noticePreview: 'Preview the notice', export: 'Export', tasks: 'Remediation tasks',
    notComputed: 'The round’s results are not computed yet', notComputedHint: 'Fieldwork is closed: compute to fit the PLS model (with bootstrap intervals).', interimHint: 'Fieldwork is under way: with 30 valid responses an interim computation can be run; compute again once it is closed.', notOpenHint: 'The results can be computed once responses are collected.',
    interim: 'Fieldwork is still under way: these are interim results, to be computed again once it is closed.',
    limited: 'Until the results are published you see your own city only; the province, the services and the model are shown once published.',
    headline: 'Provincial satisfaction index', index: 'Satisfaction index', ci: '95% interval', n: 'Valid responses', change: 'Change', province: 'Province',
    vsPrevious: 'Change on {name}', valid: 'Valid responses', responses: '{n} collected', excludedN: '{n} excluded',
    rank: 'Rank', city: 'City', service: 'Service', construct: 'Construct', listSep: ', ', labelSep: ': ',
    map: 'Satisfaction index by city', cityServices: 'By service', ranking: 'Cities ranked',
    rankingHint: 'Bars are the satisfaction index, black lines the 95% bootstrap interval, the dashed line the province’s index; cities below the province are orange. Cities whose intervals overlap do not differ significantly.',
    services: 'Satisfaction by service', servicesHint: 'Grouped by field (public services, life services); the dashed lines are the fields’ indices.',
    heatmap: 'City × service', heatmapHint: 'Each cell is the satisfaction index of a service in a city with its number of responses n; small cells vary more, read them with their n.', heatmapEmpty: 'Blank cells ({n}) have no valid response.',
    excluded: 'Responses excluded by rule', excludedHint: 'A response that breaks any data-quality rule is left out of the results (the rules are on the round’s page).',
    ipa: {
      title: 'Importance–performance matrix', quadrantsTitle: 'What to improve',
      hint: 'Across: importance (the construct’s total effect on satisfaction); up: performance (its index); the dashed lines are the means. The lower right quadrant — important but performing poorly — is where to improve first.',
      importance: 'Importance (total effect)', performance: 'Performance (index)', mean: 'Mean', quadrant: 'Quadrant',
      improveFirst: 'Improve first: {names}',
      quadrants: { improve: 'Improve first', keep: 'Keep up', low: 'Low priority', surplus: 'Possible overkill' },
      explain: {
        improve: 'important and performing poorly: it weighs on satisfaction and falls short, concentrate the effort here',
        keep: 'important and performing well: a strength to keep',
        low: 'less important and performing poorly: improve as resources allow',
        surplus: 'less important and performing well: the effort may exceed the need, resources could move elsewhere',
      },
    },
    model: {
      title: 'Structural model (PLS)', bootstrap: '{n} bootstrap resamples, seed {seed}',
      hint: 'Standardised path coefficients; intervals are the 2.5%–97.5% bootstrap quantiles, significant at 5% when they exclude 0. Target construct: {target}.',
      paths: 'Path coefficients', path: 'Path', coef: 'Coef.', ci: '95% interval', significance: 'Significance',
      sig: { significant: 'Significant', not_significant: 'Not significant', unknown: 'Not tested' },
      r2: 'R²', reliability: 'Reliability and validity',
      figures: { alpha: 'Alpha', rho_c: 'rho_c', ave: 'AVE' },
      thresholds: 'Usual thresholds: Cronbach’s alpha and composite reliability ≥ 0.7, average variance extracted ≥ 0.5; figures below them are red.',
    },
  },
  serviceTask: {
    round: 'Round', city: 'City', service: 'Service', org: 'Responsible organisation', title: 'Task', requirement: 'Requirement', deadline: 'Deadline',
    status: 'Status', evidence: 'Remediation done', attachments: 'Evidence', history: 'History', handle: 'Handle',
    statuses: { assigned: 'Assigned', submitted: 'To review', returned: 'Returned', accepted: 'Accepted' },
    steps: { assigned: 'Assigned', submitted: 'Evidence submitted', accepted: 'Accepted', returned: 'Returned' },
    actions: { assigned: 'Task assigned', submitted: 'Evidence submitted', accepted: 'Accepted', returned: 'Returned' },
    assignedDetail: 'Deadline {deadline}',
    create: 'New remediation task', createHint: 'Assign a remediation task to the organisation responsible for a city and service with low satisfaction in a published round.',
    noPublished: 'No published round', orgHint: 'The city’s market-regulation bureau unless another is chosen',
    requirementPlaceholder: 'The problems found, the targets, and the evidence expected',
    overdueDays: '{n} days overdue', daysLeft: '{n} days left',
    noEvidence: 'No evidence submitted yet', submittedAt: 'Submitted {at}',
    submit: 'Submit the remediation done', resubmit: 'Complete and submit again', submitButton: 'Submit', submitted: 'Submitted, awaiting review',
    evidencePlaceholder: 'What was done and what it achieved', returnedHint: 'The evidence was returned: complete it as the review asks and submit it again',
    awaitingReview: 'The evidence is submitted and awaits the province’s review',
    review: {
      title: 'Review the remediation', decision: 'Decision', accept: 'Accept', return: 'Return', comment: 'Comment',
      commentRequired: 'A return needs a comment', returnPlaceholder: 'What is missing', accepted: 'Accepted', returned: 'Returned',
    },
  },
  serviceEvent: {
    title: 'Event', city: 'City', service: 'Service', severity: 'Severity', occurredOn: 'Occurred on', description: 'What happened',
    leadOrg: 'Lead organisation', orgs: 'Taking part', status: 'Status', rating: 'Rating', handle: 'Handle',
    statuses: { open: 'Open', handling: 'Handling', resolved: 'Resolved', assessed: 'Assessed' },
    severities: { general: 'General', serious: 'Serious', major: 'Major' },
    create: 'Report a service-quality event', descriptionPlaceholder: 'When and where it happened, what happened, who is affected, what was done so far',
    orgsHint: 'The other organisations taking part (not the lead again)', withOrgs: 'with {n} others',
    actions: 'Handling', noActions: 'Nothing recorded yet',
    actionKinds: { report: 'Reported', act: 'Action taken', resolve: 'Resolved', assess: 'Assessed' },
    steps: { act: 'Record an action', resolve: 'Resolve', assess: 'Assess' },
    stepHints: {
      act: 'Record what your organisation did; the first action moves the event to handling.',
      resolve: 'The lead organisation confirms the event is dealt with and says how.',
      assess: 'Assess how a resolved event was handled and with what effect.',
    },
    note: 'Note', actPlaceholder: 'What was done, how it stands', resolvePlaceholder: 'The outcome and what follows',
    assessment: 'Assessment', assessmentTitle: 'Assessment of the handling', ratingRequired: 'Choose a rating',
    ratings: { 1: 'Poor', 2: 'Fair', 3: 'Adequate', 4: 'Good', 5: 'Excellent' },
  },
}

export default en
