/**
 * The assessment module's texts of the results, the remediation and the national feedback
 * (English); see ./results.zh-CN.ts.
 */
export default {
  assessmentResults: {
    title: 'Assessment results', published: 'Published', provisional: 'Provisional', publishedAt: 'Published {at}',
    year: 'Back to the year', remediations: 'Remediation', notification: 'Download the notification', export: 'Export the ranking',
    provisionalTitle: 'Not published yet: these results are provisional',
    provisionalHint: 'Only the province sees them. They are computed from the scores entered so far: ranks and grades change until every item is scored; the cities and departments see them once published.',
    notPublished: 'The results are not published yet', notPublishedHint: 'Once the province publishes the results, the ranking, grades and scores are shown here.',
    ranking: 'Ranking of the cities', average: '{n} cities, average score {avg}', grades: 'Grades', cities: '{n}',
    map: 'Scores of the cities', parts: 'Scores by part', partsHint: 'The parts of the indicator system stacked: each bar adds up to the city’s score (a vetoed city is graded apart).', scoreAxis: 'Score',
    rank: 'Rank', city: 'City', claimedTotal: 'Self-assessed', total: 'Score', grade: 'Grade',
    veto: 'Veto', vetoed: 'Vetoed', remediation: 'Remediation', remediates: 'Remediates',
    indicatorsTitle: 'Indicators of {city}', indicator: 'Indicator', points: 'Points', score: 'Score', provinceMean: 'Province mean', gap: 'Gap', comment: 'Comment',
    shareAxis: 'Share of the points (%)', weakCount: '{n} weak indicators below the province mean (red)', noWeak: 'No indicator below the province mean', allIndicators: 'All indicators',
    meansOnly: 'The province’s mean score of each indicator (each city’s scores are seen by the province and by the city itself).',
  },
  remediation: {
    statuses: { open: 'Open', submitted: 'To review', returned: 'Returned', closed: 'Closed', cancelled: 'Cancelled' },
    reasons: { bottom: 'At the bottom', failing: 'Failed', bottom_failing: 'At the bottom and failed' },
    overdueDays: '{n} days overdue', daysLeft: '{n} days left',
    year: 'Year', city: 'City', reason: 'Reason', result: 'Score · grade · rank', rankOf: 'rank {n}', dueOn: 'Due on', talks: 'Talks',
    submittedAt: 'Report submitted', closedAt: 'Closed', total: 'Score', grade: 'Grade', rank: 'Rank',
    heading: 'Remediation of {city}, {year}', results: 'Results',
    returnedNote: 'The report was returned: {note}', closedNote: 'Closed: {note}', cancelledNote: 'The results were reassessed: this remediation is cancelled.',
    report: {
      title: 'Remediation report', hint: 'By {date}, describe the measures taken and their effect, with the evidence.', placeholder: 'Each problem, the measures, what was done and the lasting arrangements',
      evidence: 'Evidence', submit: 'Submit the report', required: 'Write the remediation report', none: 'The city has not submitted its report yet',
      confirm: 'The province reviews the report; it cannot be changed meanwhile. Submit the remediation report?', submitted: 'Report submitted',
    },
    review: {
      button: 'Review', title: 'Review the remediation of {city}', decision: 'Decision', close: 'Done: close', return: 'Return', note: 'Note',
      closeHint: 'Note (optional)', returnHint: 'What is still to be done or shown', noteRequired: 'A return needs its note',
    },
    talk: {
      button: 'Record a talk', title: 'Talk with {city}', list: 'Talks', none: 'No talk recorded',
      heldOn: 'Held on', participants: 'Participants', participantsHint: 'e.g. Zhang San, deputy director of the provincial bureau; Li Si, deputy mayor',
      summary: 'Summary', summaryHint: 'The problems raised, what was asked, what the city government undertook', recordedBy: 'Recorded by',
    },
  },
  finding: {
    statuses: { open: 'Open', closed: 'Closed' },
    year: 'Year', finding: 'Finding', owner: 'Owner', measures: 'Measures', dueOn: 'Due on', progress: 'Progress',
    ownerHint: 'A province department or a city bureau', ownerGroups: { departments: 'Province departments', cityBureaus: 'City bureaus' },
    form: {
      createTitle: 'New finding of the national assessment', editTitle: 'Edit the finding',
      findingHint: 'The problem the national quality work assessment pointed out', measuresHint: 'What the owner is to do about it',
    },
    progressButton: 'Report progress', progressTitle: 'Progress of the remediation', progressHint: 'What has been done so far and its effect',
    close: { button: 'Close', title: 'Close the finding', note: 'Note', hint: 'What was done and how it was checked' },
    closedText: 'Closed {at}: {note}',
  },
}
