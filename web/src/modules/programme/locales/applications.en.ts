/**
 * The programme module's texts of the applications, the terms and the public pages (English),
 * spread into ./en.ts; see ./applications.zh-CN.ts.
 */
export default {
  programmeApp: {
    round: 'Round', kind: 'Programme', applicant: 'Applicant', city: 'City', industry: 'Industry', product: 'Product / field', applyDates: 'Application period',
    searchHint: 'Applicant, product', selfTotal: 'Self-assessed', finalScore: 'Final score', rank: 'Rank', outcome: 'Outcome',
    newTitle: 'New application', saveDraft: 'Save draft', submit: 'Submit', submitted: 'Application submitted',
    submitConfirm: 'A submitted application cannot be changed (unless returned). Submit the application to “{round}”?',
    summary: 'Summary', summaryHint: 'The organisation, its quality management and its results', contact: 'Contact', contactHint: 'e.g. Zhang San 0931-1234567',
    selfAssessment: 'Self-assessment', selfAssessmentHint: 'Assess yourself against every criterion of the round’s rubric (up to its points), with a short note; every leaf must be assessed before submitting.',
    note: 'Note', evidence: 'Evidence', evidenceHint: 'Management system certificates, awards, test reports…',
    criterion: 'Criterion', max: 'Points', score: 'Score', totalOf: 'Total {total} / {max}',
    selfProblems: { missing: 'Criterion {code} is not assessed', range: 'The score of criterion {code} is out of range', text: 'Criterion {code} needs a note' },
    returnedHint: 'The application was returned: change it as asked and submit it again',
    certificate: 'Certificate', certificateCode: 'Certificate code', termUntil: 'Valid until', termStatus: 'Certificate status',
    tabs: { form: 'Application', checks: 'Recommendation and check', reviewers: 'Reviewers', scoring: 'Scoring ({stage})', scores: 'Score sheets', outcome: 'Outcome' },
    apply: {
      button: 'Apply', title: 'Choose a round', none: 'No round is open to your organisation', go: 'Fill in the application', dates: 'Applications {from} – {until}',
    },
    recommend: {
      title: 'Recommend: {name}', heading: 'The city’s recommendation', decision: 'Decision', recommend: 'Recommend', return: 'Return', note: 'Note',
      notePlaceholder: 'Why it is recommended (optional)', returnPlaceholder: 'Why it is returned, for the applicant', noteRequired: 'A return needs its reason',
    },
    check: {
      button: 'Eligibility check', title: 'Eligibility check: {name}', heading: 'Eligibility', item: 'Condition', result: 'Result', passed: 'Met', failed: 'Not met',
      roundClosed: '“{name}” no longer takes applications: eligibility can no longer be checked', reason: 'Reason', reasonPlaceholder: 'Why it is not met', reasonRequired: 'Condition {code} is not met: give the reason',
      eligible: 'Every condition is met: eligible', ineligible: 'A condition is not met: not eligible',
    },
    reviewers: {
      assigned: 'Reviewers', wanted: '{n} of {wanted}', none: 'No reviewer yet', candidates: 'Show candidates', filter: 'Filter by name, organisation, specialty',
      add: 'Add to the panel ({n})', added: '{n} reviewers added', name: 'Name', organisation: 'Organisation', region: 'Region', specialties: 'Specialties', load: 'Load',
      match: 'Matches', state: 'Conflicts', isAssigned: 'On the panel', free: 'No conflict',
    },
    scoring: {
      save: 'Save scores', saved: 'Scores saved', comment: 'Comment', reason: 'Reason (site visit)',
      hints: {
        independent: 'Independent review: score every criterion on your own (up to its points); comments are optional; you may correct them until the stage is locked.',
        consensus: 'Consensus: the panel’s agreed scores, each with its comment.',
        site_visit: 'Site visit: only the criteria the visit corrects (one at least), each with its reason; the consensus stands for the others.',
      },
      problems: { missing: 'Criterion {code} has no score', range: 'The score of criterion {code} is out of range', text: 'Criterion {code} needs a comment' },
    },
    scores: { none: 'No scores yet' },
    forward: {
      button: 'Forward to the China Quality Award', title: 'Forward to the China Quality Award', heading: 'China Quality Award', note: 'Note',
      hint: 'Forward “{name}” as the province’s nomination to the China Quality Award.', at: 'Forwarded on {at}', not: 'Not forwarded',
    },
  },
  programmeTerm: {
    review: 'Review', reviews: { surveillance: 'Surveillance', re_evaluation: 'Re-evaluation' },
    statuses: { open: 'Open', kept: 'Kept', remediate: 'Remediation', revoked: 'Revoked' },
    outcomes: { keep: 'Keep the title', remediate: 'Remediation', revoke: 'Revoke the title' },
    dueOn: 'Due on', conclusion: 'Conclusion', deadlineOn: 'Remediate by {date}', application: 'Application',
    conclude: {
      button: 'Conclude', title: 'Conclusion: {name}', outcome: 'Outcome', deadline: 'Deadline', note: 'Note',
      deadlineRequired: 'Choose a deadline after today', revokeHint: 'A revoked title and its certificate are void and leave the public roll.',
    },
  },
  programmePublic: {
    nav: 'Quality awards and brands: public information', login: 'Staff sign-in',
    honours: {
      title: 'Roll of honours', intro: 'Winners of the provincial government quality award, 陇字号 brands, quality benchmark cities and demonstration zones (titles in force).',
      q: 'Search by name', qProduct: 'Search by holder or product', region: 'City', industry: 'Industry', product: 'Product', round: 'Round', validUntil: 'Valid until',
      found: '{n} found', none: 'Nothing matches', forwarded: 'Forwarded to the China Quality Award',
    },
    notices: {
      title: 'Public notices', intro: 'The shortlists below are under public notice: anyone may object to an entry until the notice ends; give a contact so that the objection can be checked.',
      none: 'No shortlist is under notice now', until: 'Notice ends on {date}', holder: 'Proposed holder', outcome: 'Proposed',
    },
    objection: {
      button: 'Object', title: 'Object to an entry', about: 'Objection to “{holder}” proposed in “{round}”', name: 'Name', contact: 'Contact', contactHint: 'Mobile phone or e-mail',
      content: 'Objection', send: 'Send', thanks: 'Objection received', thanksHint: 'Reference {id}. It will be checked before the notice ends.',
      privacy: 'Your name and contact serve only to check the objection and are not published.',
    },
    certificate: {
      title: 'Certificate check', intro: 'Enter the verification code printed on a certificate to check that it is genuine and in force.', code: 'Verification code', check: 'Check', kind: 'Programme',
      issuedOn: 'Issued on', valid: 'Genuine and in force', invalid: 'Genuine, but no longer in force',
      missing: 'No such certificate', missingHint: 'The code {code} matches no certificate: check it and try again.',
    },
  },
}
