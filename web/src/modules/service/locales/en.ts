/**
 * The service-quality module's texts (English), merged into the console's (src/i18n/messages.ts):
 * the survey design, the rounds' fieldwork and the public questionnaire here; the results, the
 * remediation tasks and the events in ./results.en.ts.
 */
import results from './results.en'

export default {
  ...results,
  menu: {
    service: 'Service quality', serviceSurveys: 'Questionnaires', serviceSurvey: 'Questionnaire design', serviceRounds: 'Survey rounds', serviceRound: 'Survey round',
    serviceResults: 'Results', serviceTasks: 'Remediation', serviceTask: 'Remediation task', serviceEvents: 'Coordinated handling', serviceEvent: 'Service-quality event',
  },
  errors: {
    service: {
      wrong_state: 'Not possible in the current state: refresh to see it',
      not_computed: 'The round’s results have not been computed yet',
      token_used: 'This survey link has been used: each link takes one questionnaire',
      own_task: 'A task of your own organisation is not yours to review',
    },
  },
  service: {
    view: 'View',
    fields: { public: 'Public services', life: 'Life services' },
    flags: {
      straight_line: { label: 'Straight-lining', rule: 'The same score for every answered question (at least {n} answered)', detail: 'At least {n} questions answered, all with the same score' },
      speeding: { label: 'Speeding', rule: 'Answered faster than the questionnaire’s minimum time', detail: 'Answered in less than {seconds} s' },
      out_of_range: { label: 'Out of range', rule: 'A score outside the scale (kept as sent, never used)', detail: 'A score outside {min}–{max}' },
      missing: { label: 'Too many blanks', rule: 'More blank (don’t know) questions than the questionnaire allows', detail: 'More than {share} of the questions blank' },
    },
    job: {
      statuses: { queued: 'Queued', running: 'Computing', done: 'Done', failed: 'Failed' },
    },
    template: {
      constructs: {
        EX: { name: 'Customer expectations', items: { EX1: 'Before using this service, your expectation of its overall quality', EX2: 'How well you expected this service to meet your personal needs', EX3: 'How reliable and error-free you expected this service to be' } },
        PQ: { name: 'Perceived quality', items: { PQ1: 'Your rating of the overall quality of this service', PQ2: 'How well this service meets your personal needs', PQ3: 'How reliable and error-free this service is' } },
        PV: { name: 'Perceived value', items: { PV1: 'Given the money and time it costs you, your rating of this service’s quality', PV2: 'Given this service’s quality, your rating of the money and time it costs you' } },
        CS: { name: 'Satisfaction', items: { CS1: 'Overall, how satisfied you are with this service', CS2: 'How this service performed compared with your expectations', CS3: 'How close this service comes to the ideal service you imagine' } },
        CC: { name: 'Customer complaints', items: { CC1: 'How much you complain about or are dissatisfied with this service (higher means more)', CC2: 'How likely you are to complain about this service to the authorities' } },
        CL: { name: 'Customer loyalty', items: { CL1: 'How likely you are to keep using this service', CL2: 'How likely you are to recommend this service to family and friends' } },
      },
    },
    survey: {
      code: 'Code', codeHint: 'A letter first, e.g. SQ2026', name: 'Name', keywordHint: 'Code or name', edition: 'Edition', editionOf: 'Edition {n}',
      statuses: { draft: 'Draft', active: 'Active', retired: 'Retired' },
      scale: 'Scale', scaleOf: '1–{max}', model: 'Model', modelSize: '{c} constructs · {i} questions', services: 'Services surveyed', rounds: 'Rounds', usedBy: 'Used by {n} rounds',
      create: 'New questionnaire', templateHint: 'A new questionnaire follows the ACSI model: six constructs — customer expectations, perceived quality, perceived value, satisfaction, complaints, loyalty — with their questions and nine paths, satisfaction as the target; edit it in the questionnaire design afterwards.',
      activate: 'Activate', activateConfirm: 'The PLS engine checks the model of “{name}” edition {n} first; once active it can no longer be changed and may be used by new rounds. Activate it?', activated: 'Questionnaire activated',
      revise: 'New edition', reviseConfirm: 'Copy “{name}” edition {n} as a new draft edition?', revised: 'New draft edition created',
      toml: 'Download MODEL.toml', unsaved: 'Unsaved changes', saveFirst: 'Save your changes first', fixFirst: 'The questionnaire has {n} problems left: fix them first', leaveConfirm: 'Leave without saving your changes?',
      readonlyHint: 'An active or retired questionnaire cannot be changed; create a new edition to adjust it', noRight: 'You may not change questionnaires', engineRefused: 'The PLS engine refused the model',
      basics: 'Basics', quality: 'Data-quality rules', target: 'Target construct', targetHint: 'Its index is the satisfaction index (0–100); a path must lead to it',
      minSeconds: 'Minimum time (s)', minSecondsHint: 'Responses faster than this are flagged as speeding and excluded',
      maxMissing: 'Blanks allowed', maxMissingHint: 'Responses with a larger share of blank (don’t know) questions (50 % at most) are flagged and excluded',
      addField: 'All {field}', clearServices: 'Clear',
      constructs: 'Constructs and questions', constructsHint: 'Each construct is measured by its questions (reflective indicators); a question’s code is its column in imports and in the engine’s data, unique in the questionnaire.',
      constructCode: 'Code', constructName: 'Name', constructNameEn: 'English name', itemCode: 'Code', itemText: 'Question', itemTextEn: 'Question (English)',
      addConstruct: 'Add a construct', removeConstruct: 'Remove the construct', addItem: 'Add a question', removeItem: 'Remove the question', moveUp: 'Move up', moveDown: 'Move down', noItems: 'No questions yet',
      paths: 'Path model', pathsHint: 'The causal paths between constructs in the structural model (no cycles); the diagram shows them, the target in orange.',
      pathFrom: 'From', pathTo: 'To', addPath: 'Add a path', removePath: 'Remove the path', noPaths: 'No paths yet', diagram: 'Path diagram', noConstructs: 'No constructs yet',
      problems: {
        scale: 'The scale’s top must be above its bottom', maxMissing: 'Blanks allowed must be between 0 and {max} %', minSeconds: 'The minimum time must be a whole number of seconds, 0 to {max}', noServices: 'Choose at least one service',
        constructCount: 'A model has {min} to {max} constructs', code: 'A letter first, then letters, digits or _ ({max} at most)', duplicate: 'The code {code} is used twice',
        reserved: '{code} is a grouping column of the data: no question may be named so',
        name: 'Enter a name', noItems: 'The construct {code} has no questions', manyItems: 'The construct {code} has {max} questions at most', text: 'Enter the question', unknownConstruct: 'Choose a construct', selfPath: 'A path cannot lead to where it starts',
        duplicatePath: 'The path is there twice', noPaths: 'Add at least one path', cycle: 'The paths form a cycle: a PLS model must be recursive', target: 'Choose the target construct', targetEndogenous: 'A path must lead to the target construct',
      },
    },
    round: {
      name: 'Name', nameAuto: '{year} {name}', year: 'Year', dates: 'Fieldwork', survey: 'Questionnaire', services: 'Services', target: 'Quota',
      collected: 'Collected', valid: 'Valid', resamples: 'Bootstrap resamples', resamplesHint: 'Resamples of the bootstrap confidence intervals, {min}–{max}',
      seed: 'Random seed', computedAt: 'Computed', publishedAt: 'Published', results: 'Results',
      statuses: { design: 'Design', fieldwork: 'Fieldwork', closed: 'Closed', published: 'Published' },
      stepHints: { design: 'Set the quotas', fieldwork: 'Entry, import and online links', closed: 'Compute the model and indices', published: 'Notify the cities' },
      createTitle: 'New survey round', editTitle: 'Change the survey round', activeOnly: 'Active questionnaires only', noActive: 'No active questionnaire: activate one under Questionnaires first',
      open: 'Start fieldwork', openConfirm: '“{name}” goes into fieldwork: the cities may enter, import and collect responses. Start it?', openDone: 'Fieldwork started',
      close: 'End fieldwork', closeConfirm: 'No more responses can be entered or collected for “{name}” afterwards. End the fieldwork?', closeDone: 'Fieldwork ended',
      compute: 'Compute results', recompute: 'Compute again', computed: 'Results computed', computeFailed: 'The computation failed', computeFailedWhy: 'The computation failed: {why}',
      publish: 'Publish', publishConfirm: 'Publishing generates the notice (通报) of “{name}” and notifies the cities, who may then see the province’s results. Publish?', publishDone: 'Published; the cities are notified',
      notice: 'Download the notice', noticePreview: 'Preview the notice',
      tabs: { overview: 'Overview', quotas: 'Quotas', responses: 'Responses ({n})' },
      needQuotas: 'Set the quotas of the cities and services under Quotas before starting the fieldwork.',
      needCompute: 'The fieldwork is over: compute the results (at least {n} valid responses) to see them and publish the notice.',
      interim: 'During fieldwork an interim result may be computed at any time (at least {n} valid responses); publication follows the fieldwork’s end and a computation.',
      tooFew: 'Too few valid responses: a computation needs {n}, there are {valid}',
      readyToPublish: 'The results are computed; check them, then publish the notice.',
      basis: 'Satisfaction indices follow the ACSI/ECSI method with a partial-least-squares structural equation model (PLS-SEM): construct scores rescaled to 0–100 indices with the outer weights, confidence intervals by bootstrap; the figures equal those of longzhi engine pls on the exported data and MODEL.toml.',
    },
    quota: {
      grid: 'Quota grid', list: 'Quotas and survey staff', region: 'City', service: 'Service', collected: 'Collected', valid: 'Valid', collector: 'Survey staff',
      total: 'Total', rowTotal: 'City total', none: 'No quotas yet', noneMine: 'No quotas assigned to you',
      legend: 'Each cell is a quota, with the responses collected / valid under it', progress: '{c} of {n} collected', validOf: '{v} valid',
      bulk: 'Quota', fillAll: 'Fill every cell', fillRow: 'Row', fillColumn: 'Column', fillHint: 'Or fill a city’s row or a service’s column with it',
      save: 'Save quotas', saved: 'Quotas saved', unsaved: 'Unsaved changes', resetConfirm: 'Discard the unsaved changes?',
      noCollector: 'Not assigned', noCollectors: 'The city has no survey staff', assigned: 'Survey staff assigned',
    },
    links: {
      open: 'Links', title: 'One-time survey links', count: 'How many', issue: 'Issue', issued: '{n} links issued',
      once: 'The links are shown now only: copy or download them at once. Each link takes one questionnaire, counted in this quota.',
      hint: 'Respondents open a link and answer, without an account.', csv: 'Download CSV', no: 'No.', url: 'Link', token: 'Token',
    },
    response: {
      id: 'No.', createdAt: 'Received', channel: 'Channel', channels: { staff: 'Entered', import: 'Imported', link: 'Online link' },
      answered: 'Answered', duration: 'Time', flags: 'Data quality', flag: 'Flag', enteredBy: 'Entered by',
      valid: 'Valid', excluded: 'Excluded', excludedFilter: 'Validity',
      exportCsv: 'Export engine data', exportCsvHint: 'The valid responses as CSV, exactly as longzhi engine pls --data reads them',
      exportXlsx: 'Export responses', exportXlsxHint: 'Every response of the filter with its flags (Excel)',
      notFieldwork: 'Responses are entered and imported during fieldwork', noSurvey: 'The round’s questionnaire cannot be read: no entry for now',
    },
    quality: { responses: 'Responses', validOf: '{v} valid · {x} excluded' },
    entry: {
      title: 'Enter a response', quota: 'Quota', chooseQuota: 'Choose the quota (city · service)', duration: 'Time taken',
      measured: 'Timed', typed: 'Typed in', seconds: 'seconds', typeDuration: 'Enter the time taken (seconds)',
      hint: 'Score each question {min}–{max}; choose “Don’t know” (blank) when the respondent cannot or will not answer.', count: '{a} of {n} answered', willFlag: 'Will be flagged',
      save: 'Save and enter the next', saved: 'Response saved', savedFlagged: 'Response saved, but flagged: {flags} (not used in the results)',
    },
    answer: {
      dontKnow: 'Don’t know', blank: 'Blank', low: '{min} = very dissatisfied', high: '{max} = very satisfied',
      problems: { empty: 'Answer at least one question', range: 'A score is outside the scale' },
    },
    public: {
      title: 'Service-quality satisfaction survey', login: 'Staff sign-in',
      about: '“{service}” in {region}',
      intro: 'Thank you for taking part. Score each question by your own experience ({min} lowest, {max} highest); choose “Don’t know” where you cannot say. The survey is anonymous and takes about 5 minutes.',
      count: '{a} of {n} answered', submit: 'Send',
      privacy: 'The survey is run by the market regulation authorities for service-quality statistics only; your name and contact details are not collected.',
      thanks: 'Sent — thank you for taking part!', thanksHint: 'Your views help improve the services where you live.',
      used: 'This link has already been used', usedHint: 'Each survey link takes one questionnaire. Thank you for taking part!',
      missing: 'The link is not valid, or the survey has ended', missingHint: 'Check that the link is complete, or ask whoever gave it to you.',
      failed: 'The questionnaire could not be loaded',
    },
  },
}
