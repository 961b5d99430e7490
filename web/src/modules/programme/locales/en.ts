/**
 * The programme module's texts (English), merged into the console's (src/i18n/messages.ts). Keys of
 * `programme`: shared labels first (kinds, statuses, stages, outcomes), then one block per page
 * group — round, analysis, objection, expert (rounds and experts) and application, term, public.
 */
import applications from './applications.en'

export default {
  ...applications,
  menu: {
    programme: 'Awards and brands', programmeRounds: 'Rounds', programmeRound: 'Round', programmeApplications: 'Applications', programmeApplication: 'Application',
    programmeExperts: 'Review experts', programmeTerms: 'Terms', programmeApplicationNew: 'New application',
  },
  errors: {
    programme: {
      wrong_state: 'Not possible in the current state: refresh to see it',
      duplicate: 'Your organisation has applied to this round already: one application per organisation and round',
      closed: 'Outside the application dates',
      conflict: 'The expert has a conflict of interest with the applicant and cannot review it',
      incomplete: 'The review is not complete: scores are missing, the stage cannot be locked',
      quota: 'More winners or nominations than the quotas allow',
      notice_running: 'The notice period is not over yet',
      objections_open: 'Objections are still open: handle them first',
      wrong_applicant: 'This round does not take applications from your kind of organisation',
      not_assigned: 'You are not a reviewer of this application',
    },
  },
  programme: {
    view: 'View',
    edit: 'Edit',
    kind: 'Programme',
    kinds: { award: 'Provincial Government Quality Award', brand: 'Longzihao brand certification', benchmark_city: 'Quality benchmark city', demo_zone: 'Quality and brand demonstration zone' },
    kindsShort: { award: 'Quality award', brand: 'Longzihao', benchmark_city: 'Benchmark city', demo_zone: 'Demonstration zone' },
    roundStatuses: { draft: 'Draft', open: 'Open', review: 'In review', notice: 'On notice', decided: 'Decided' },
    stages: { independent: 'Independent review', consensus: 'Consensus', site_visit: 'Site visit', closed: 'Review closed' },
    applicationStatuses: {
      draft: 'Draft', submitted: 'Submitted', returned: 'Returned', recommended: 'Recommended', eligible: 'Eligible', ineligible: 'Ineligible', shortlisted: 'Shortlisted',
      not_shortlisted: 'Not shortlisted', awarded: 'Awarded', nominated: 'Nominated', not_awarded: 'Not awarded', withdrawn: 'Withdrawn',
    },
    outcomes: { winner: 'Winner', nomination: 'Nomination' },
    termStatuses: { active: 'Active', remediating: 'Remediating', revoked: 'Revoked', expired: 'Expired' },
    objectionStatuses: { received: 'Received', upheld: 'Upheld', dismissed: 'Dismissed' },
    round: {
      name: 'Round', year: 'Year', status: 'Status', stage: 'Review stage', applyDates: 'Application dates', applyFrom: 'Applications from', applyUntil: 'Applications until',
      counts: 'Applications', countsText: '{applications} applications · {submitted} submitted · {eligible} eligible', quotas: 'Quotas', quotaText: 'winners {w} · nominations {n}',
      objectionsOpen: 'Open objections', createTitle: 'New round', editTitle: 'Edit round', nameAuto: '{kind} {year}', keywordHint: 'Round name',
      basics: 'Basics', rules: 'Review rules', term: 'Term', rubricSection: 'Rubric and eligibility',
      winnersQuota: 'Winners', nominationsQuota: 'Nominations', nominationsHint: 'The quality award may name nominations; other programmes 0',
      noticeDays: 'Notice (working days)', noticeDaysHint: 'The shortlist is on public notice for at least {min} working days, open to objections', noticeUntil: 'Notice until', noticeRange: 'Notice',
      anonymous: 'Anonymous review', anonymousHint: 'Experts see the blind code (e.g. R003), not the applicant’s name',
      reviewersPer: 'Reviewers per application', reviewersPerHint: 'How many experts each panel gets when panels are assigned',
      sameRegion: 'Same-region conflict', sameRegionHint: 'Experts do not review applications from their own city or prefecture',
      termYears: 'Term (years)', surveillanceYears: 'Surveillance every (years)', surveillanceHint: '0: no yearly surveillance; the Longzihao brand usually yearly. Re-evaluation opens 180 days before the term ends',
      rubric: 'Rubric (TOML)', rubricHint: '[[criterion]] tables: code, name, max, parent; experts score leaves only. Choosing the programme loads its default rubric, which may be changed.',
      rubricDefault: 'Restore the default rubric', rubricLoaded: 'The default rubric and eligibility of {kind} are loaded',
      eligibility: 'Eligibility', eligibilityHint: 'The conditions the eligibility check goes through one by one', eligibilityCode: 'Code', eligibilityText: 'Condition', addEligibility: 'Add a condition', removeEligibility: 'Remove',
      openEditHint: 'Applications have started: only the name and dates may change',
      totalMax: '{n} points in all',
    },
    steps: {
      open: 'Open applications', openConfirm: 'Open “{name}” for applications? The rubric and quotas cannot change afterwards.', opened: 'Applications are open',
      close: 'Close applications', closeConfirm: 'Close applications of “{name}” and start the review? At least one application must be eligible.', closed: 'The review has started',
      assign: 'Assign panels', assignConfirm: 'The review engine assigns panels to every application still short of reviewers (by specialty and load, avoiding conflicts of interest). Go ahead?', assigned: 'Panels assigned',
      lock: 'Lock {stage}', lockConfirm: 'Lock the “{stage}” stage? Its scores cannot change afterwards and the next stage opens.', locked: '{stage} locked',
      shortlist: 'Shortlist', shortlisted: 'The shortlist is on public notice',
      decide: 'Decide', decideConfirm: 'The notice is over and no objection is open. Decide “{name}” and issue the certificates?', decided: 'Decided: certificates issued',
      decideWait: 'The notice runs until {date}', decideObjections: '{n} objections are still open',
      export: 'Export results', flow: 'Flow',
    },
    assignment: {
      title: 'Panels assigned', panels: '{n} panels', label: 'Application', reviewers: 'Reviewers', refused: 'Experts not chosen, and why', specialtyMatch: 'Specialty match', noMatch: 'Specialty not matched', none: 'Nothing to assign: every application has its reviewers',
    },
    shortlist: {
      title: 'Shortlist', hint: 'In order of the final score; choose winners and nominations within the quotas. The shortlist then goes on notice ({days} working days).',
      choice: 'Honour', none: 'None', count: 'Chosen: winners {w}/{wq} · nominations {n}/{nq}', over: 'Over the quota', standingsFrom: 'From: {stage}',
    },
    tabs: { applications: 'Applications', rubric: 'Rubric', analysis: 'Analysis', objections: 'Objections' },
    applications: {
      code: 'Code', applicant: 'Applicant', region: 'Region', industry: 'Industry', product: 'Product / field', selfTotal: 'Self-assessed', finalScore: 'Final score', rank: 'Rank', outcome: 'Outcome', keywordHint: 'Applicant, product',
    },
    rubric: { code: 'Code', name: 'Criterion', max: 'Points', leaf: 'Scored', total: 'Total', download: 'Download rubric.toml', eligibility: 'Eligibility' },
    analysis: {
      stage: 'Stage', standings: 'Standings', independent: 'Independent (trimmed mean)', consensus: 'Consensus', site_visit: 'Site visit', final: 'Final', rank: 'Rank', band: 'Band',
      bandOf: 'band {n}', noScores: 'No scores in this stage yet', chartTitle: 'Reviewers’ totals per application', chartHint: 'Boxes show the spread of the reviewers’ totals, dots each reviewer’s total; red dots are an outlier reviewer’s.',
      reviewerTotal: '{reviewer}: {total} points', median: 'Median', trimmed: 'Trimmed mean', min: 'Min', max: 'Max', spread: 'SD', rankRange: 'Rank range',
      rankRangeHint: 'The best and worst rank when any one reviewer is left out; a wide range means one reviewer decides the place',
      agreement: 'Agreement', icc: 'Intraclass correlation (ICC)', kendall: 'Kendall’s W', pValue: 'p = {p}', incomplete: 'Incomplete design: not every reviewer scored every application, only ICC(1) is computed',
      agreementLevels: { poor: 'poor agreement', moderate: 'moderate agreement', good: 'good agreement', excellent: 'excellent agreement', none: 'not enough data' },
      iccHint: 'ICC tells whether the reviewers score alike: below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent. ICC(2,k) is the reliability of the panel’s mean.',
      kendallHint: 'W tells whether the reviewers rank the applications alike: 0 not at all, 1 fully; p below 0.05 means the agreement is not chance.',
      reviewers: 'Reviewers’ bias', reviewer: 'Reviewer', nApplications: 'Reviewed', deviation: 'Mean deviation', z: 'Robust z', outlier: 'Outlier', outlierHint: 'Reviewers with |z| above 3.5 score systematically high or low: worth a look at consensus',
      looChanges: 'Rank changes without', looSpearman: 'Spearman ρ', noOutliers: 'No outlier reviewers',
      panel: 'The panel (consensus)',
      chartBox: 'Spread of totals', chartReviewer: 'Reviewer’s total', chartAxis: 'Total', spreadOf: '{stage}: scores', spreadText: '{n} reviewers · {min}–{max} · SD {sd}', panelSize: '{n} applications · {k} reviewers',
      downloads: 'Reproduce', scoresCsv: 'Download scores.csv', rubricToml: 'Download rubric.toml',
      reproduce: 'Run this command on the two files to get the same ranks and statistics as this page:',
    },
    objection: {
      applicant: 'Applicant', name: 'Objector', contact: 'Contact', content: 'Objection', status: 'Status', note: 'Decision note', handledBy: 'Handled by', handledAt: 'Handled at', createdAt: 'Received',
      handle: 'Handle', handleTitle: 'Handle the objection', outcome: 'Outcome', upheldHint: 'Upheld: the application leaves the shortlist (not shortlisted)', none: 'No objections', handled: 'Objection handled',
    },
    expert: {
      name: 'Name', organisation: 'Organisation', region: 'Region', specialties: 'Specialties', specialtiesHint: 'Type and press Enter, e.g. food, equipment, quality management',
      interests: 'Declared interests', interestsHint: 'Organisations or application codes the expert declared: avoided in panels', relations: 'Past relations', relationOrg: 'Organisation', relationYear: 'Until (year)',
      addRelation: 'Add', removeRelation: 'Remove', relationsHint: 'A relation with an applicant that ended recently is a conflict',
      username: 'Username', usernameHint: 'The account the expert signs in with to score (optional)', active: 'Active', inactive: 'Inactive', load: 'Current load',
      createTitle: 'New review expert', editTitle: 'Edit review expert', keywordHint: 'Name, organisation, specialty',
    },
    // Public pages (B): the honours, the notices and the certificate check.
    public: { honoursTitle: 'Quality awards and brands: honours', noticesTitle: 'Public notices', certificateTitle: 'Certificate check' },
  },
}
