/**
 * The assessment module's texts (English), merged into the console's (src/i18n/messages.ts) with
 * those of the results, remediation and national feedback pages (./results.en.ts). Keys of
 * `assessment`: shared labels first (statuses), then one block per page group — year, steps,
 * settings, indicator, progress (years), evaluation, veto (self-evaluations), scoring.
 */
export default {
  menu: {
    assessment: 'Quality work assessment', assessmentYears: 'Assessments', assessmentYear: 'Assessment', assessmentResults: 'Results',
    assessmentEvaluations: 'Self-evaluations', assessmentEvaluation: 'Self-evaluation', assessmentScoring: 'Scoring',
    assessmentRemediations: 'Remediation', assessmentRemediation: 'Remediation task', assessmentFindings: 'National feedback',
  },
  errors: {
    assessment: {
      wrong_state: 'Not possible in the current state: refresh to see it',
      duplicate: 'This year is assessed already: one assessment per year',
      points_total: 'The indicators do not add up to 100 points: the self-evaluation cannot start',
      deadline_passed: 'The self-evaluation deadline has passed',
      incomplete: 'Not complete: every indicator needs a claimed score to submit, and a score to publish',
      not_your_indicator: 'Your organisation does not score this indicator',
      not_published: 'The results are not published yet',
    },
  },
  assessment: {
    view: 'View', edit: 'Edit', delete: 'Delete',
    yearStatuses: { draft: 'Draft', self_evaluation: 'Self-evaluation', scoring: 'Scoring', published: 'Published' },
    evaluationStatuses: { draft: 'Not submitted', submitted: 'Submitted' },
    year: {
      year: 'Year', title: 'Title', status: 'Status', deadline: 'Self-evaluation deadline', cities: 'Cities assessed', citiesHint: 'By default the 14 prefectures',
      fromYear: 'Indicators from', fromYearHint: 'Copies the indicator system of the chosen year; without one, the latest year’s, or the built-in national system (100 points) the first time',
      fromLatest: 'The latest year', indicators: 'Indicators', indicatorsText: '{n} · {points} points', progress: 'Self-evaluations', progressText: '{submitted}/{total} submitted',
      publishedAt: 'Published', reopened: 'Reopened {n} times', createTitle: 'New assessment', titleAuto: 'Quality work assessment of the city governments {year}', create: 'New assessment',
    },
    steps: {
      open: 'Open self-evaluation', openConfirm: 'Open the self-evaluation of “{title}”? The indicators and settings cannot change afterwards; the cities are notified.', opened: 'The self-evaluation is open',
      close: 'Close self-evaluation', closeConfirm: 'Close the self-evaluation and hand over to the departments for scoring? Cities that have not submitted cannot submit afterwards.', closed: 'Scoring has started',
      publish: 'Publish results', publishConfirm: 'Publish the results of “{title}”? Totals, grades and ranks are computed, and remediation tasks created for the cities at the bottom or failing.', published: 'The results are published',
      reopen: 'Reopen', reopenTitle: 'Reopen the assessment', reopenReason: 'Reason', reopenHint: 'The assessment goes back to scoring; remediation tasks not yet reported are cancelled; publishing again recomputes the results.', reopened: 'The assessment is reopened',
      results: 'Results',
    },
    tabs: { settings: 'Settings', indicators: 'Indicator system', progress: 'Progress' },
    settings: {
      grades: 'Grades', grade: 'Grade', min: 'Minimum', addGrade: 'Add a grade', removeGrade: 'Remove',
      gradesHint: 'Highest first; the last grade’s minimum is 0', failBelow: 'Pass mark', failBelowHint: 'Cities with a total below it must remediate',
      bottomCount: 'Bottom places remediating', bottomCountHint: 'The cities ranked last must remediate', remediationDays: 'Remediation period (days)', remediationDaysHint: 'From the publication of the results',
      limitedHint: 'The self-evaluation has started: only the title and the deadline may change', readonlyHint: 'The settings cannot change at this stage',
      gradeProblems: {
        empty: 'At least one grade is needed', name: 'Name every grade', duplicate: 'Grade names must differ', range: 'Minimums are between 0 and 100', order: 'Minimums must fall from the highest grade', floor: 'The last grade’s minimum must be 0',
      },
    },
    indicator: {
      part: 'Part', code: 'Code', name: 'Indicator', points: 'Points', rule: 'Scoring rule', evidence: 'Evidence', department: 'Scored by', sort: 'Order',
      total: '{n} points in all', partPoints: '{n} points', notHundred: 'The indicators add up to {total} points, not 100: adjust them before the self-evaluation opens',
      add: 'Add an indicator', createTitle: 'New indicator', editTitle: 'Edit indicator', deleteConfirm: 'Delete the indicator “{code} {name}”?', deleted: 'Indicator deleted',
      import: 'Import indicators', importHint: 'The import replaces every indicator of the year (all rows or none); the department column takes the department’s code or name.', export: 'Export indicators', partHint: 'e.g. I. Quality development', none: 'No indicators yet',
    },
    progress: {
      submitted: 'Self-evaluations submitted', scored: 'Items scored', submittedText: '{n} of {of} cities submitted', scoredText: '{n} of {of} items scored',
      city: 'City', status: 'Self-evaluation', submittedAt: 'Submitted', claimedTotal: 'Claimed total',
    },
    evaluation: {
      year: 'Year', city: 'City', status: 'Status', submittedAt: 'Submitted', claimedTotal: 'Claimed total', total: 'Total', grade: 'Grade', rank: 'Rank',
      veto: 'Veto', vetoed: 'Vetoed', targets: 'Quality work targets of the year', targetsHint: 'The main targets of the year’s quality work and how far they were met',
      items: 'Indicators', deadline: 'Deadline', deadlinePassed: 'The deadline has passed', points: 'Points', claimed: 'Claimed', statement: 'Statement', attachments: 'Evidence',
      rule: 'Scoring rule', evidence: 'Evidence required', department: 'Scored by', score: 'Score', comment: 'Comment', provinceMean: 'Province mean', weak: 'Weak',
      partSubtotal: '{claimed} / {points} points', save: 'Save', submit: 'Submit', submitConfirm: 'The self-evaluation cannot change once submitted. Submit the self-evaluation of {city}?', submitted: 'Self-evaluation submitted',
      missing: 'No claimed score yet for {codes}', readonlyHint: 'Submitted: the self-evaluation cannot change', closedHint: 'The self-evaluation is not open',
    },
    veto: {
      button: 'Veto', title: 'Veto', veto: 'Veto', lift: 'Lift the veto', reason: 'Reason', reasonHint: 'e.g. a major quality or safety accident',
    },
    scoring: {
      year: 'Assessment', indicator: 'Indicator', city: 'City', mine: 'My organisation’s indicators only', claimed: 'Claimed', statement: 'Statement', score: 'Score', comment: 'Comment',
      commentHint: 'Say why when points are deducted', scoredBy: 'Scored by', points: '{n} points', save: 'Save scores', saved: '{n} scores saved', nothing: 'No score has changed',
      readonly: 'The assessment is not being scored: view only', none: 'No indicators to score', noYear: 'No assessment is being scored', scoredText: '{n}/{of} scored',
      problems: { range: 'The score is between 0 and {points}', comment: 'Say why points are deducted' },
    },
  },
}
