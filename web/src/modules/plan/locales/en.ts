/** The work-plan module's texts (English), merged into the console's (src/i18n/messages.ts). */
import type zh from './zh-CN'

const en: typeof zh = {
  menu: { plan: 'Work-plan supervision', plans: 'Work plans', planDetail: 'Plan', tasks: 'Tasks', reviews: 'Review queue', matrix: 'Supervision matrix' },
  errors: {
    plan: {
      not_draft: 'Only a draft plan can have its structure changed or be deleted',
      not_published: 'Only a published plan can be closed',
      empty: 'The plan has no task yet and cannot be published',
      closed: 'The plan is closed: nothing can be changed or reported',
      report_pending: 'The previous report awaits review; report again after it is reviewed',
      not_pending: 'This report has already been reviewed',
      own_report: 'You cannot review a report filed by yourself or your own organisation',
    },
  },
  plan: {
    year: 'Year', title: 'Title', docNo: 'Document no.', docNoPlaceholder: 'e.g. 甘市监办函〔2023〕18号', startDate: 'Start', endDate: 'End',
    dates: 'Period', attachments: 'Attachments', taskCount: 'Tasks', targetCount: 'Assignments', completion: 'Completion', publishedAt: 'Published',
    statuses: { draft: 'Draft', published: 'Published', closed: 'Closed' },
    open: 'Open', publish: 'Publish', close: 'Close plan', matrix: 'Matrix', importText: 'Import from text', refresh: 'Refresh',
    publishConfirm: 'Publishing sends the tasks to every addressee and freezes the structure. Publish “{title}”?',
    closeConfirm: 'Once closed, no more progress can be reported. Close “{title}”?',
    publishedDone: 'Plan published', closedDone: 'Plan closed', draftsOnly: 'Only draft plans can be deleted',
    endBeforeStart: 'The end cannot be before the start', yearRange: 'The year must be from {min} to {max}',
    structure: 'Contents', part: 'Part', point: 'Point', task: 'Task', seq: 'No.',
    addPart: 'Add part', addPoint: 'Add point', addTask: 'Add task', partTitle: 'Part title', pointTitle: 'Point title', pointBody: 'Point text',
    taskTitle: 'Task', leadDept: 'Lead department', participants: 'Participating departments', cityScope: 'Cities', cities: 'Cities', deadline: 'Deadline', evidence: 'Evidence expected',
    cityScopes: { all: 'All cities', some: 'Some cities', none: 'No city' },
    empty: 'The plan is empty: add a part first', noTasks: 'No tasks', lockedHint: 'The plan is published: its structure can no longer change',
    leadOrCity: 'A task needs a lead department or some city', citiesRequired: 'Choose the cities',
    deadlineWithin: 'The deadline must be within the plan’s period ({start} to {end})', otherCities: 'and {n} other cities', citiesCount: '{n} cities', tasksOf: '{n} tasks', viewTasks: 'View assignments',
    import: {
      title: 'Import a plan from text', text: 'Plan text', textPlaceholder: 'Paste the whole text: parts start with “一、”, points with “（一）”',
      loadFile: 'Load a .txt file', preview: 'Preview', back: 'Back to the text', create: 'Create plan', outline: 'Contents',
      parsed: '{parts} parts and {points} points found; edit the titles and remove the points you do not want',
      nothing: 'No part was found; check the text’s layout', untitled: '{n} titles are empty', noText: 'Paste or load the plan text first',
      removePart: 'Remove this part', removePoint: 'Remove this point',
    },
  },
  task: {
    plan: 'Plan', point: 'Point', title: 'Task', org: 'Addressee', region: 'Region', leadDept: 'Lead department', participants: 'Participating departments', cities: 'Cities',
    deadline: 'Deadline', status: 'Progress', percent: 'Done', reviewState: 'Review', overdue: 'Overdue', lastReport: 'Last report',
    city: 'City', dept: 'Department', overdueOnly: 'Overdue', notOverdue: 'Not overdue', detail: 'Task', evidence: 'Evidence expected',
    reports: 'Reports', timeline: 'History', noReports: 'No reports yet', noTimeline: 'Nothing yet', handle: 'Handle',
    statuses: { not_started: 'Not started', in_progress: 'In progress', done: 'Done' },
    reviews: { none: 'Not reported', pending: 'Pending review', accepted: 'Accepted', returned: 'Returned' },
    actions: { published: 'Assigned', reported: 'Progress reported', accepted: 'Report accepted', returned: 'Report returned', reminded: 'Reminder sent', overdue: 'Overdue' },
    report: {
      title: 'Report progress', text: 'Progress', reportDate: 'Report date', attachments: 'Evidence', submit: 'Submit report', submitted: 'Reported; awaiting review',
      pendingHint: 'The previous report awaits review; you can report again once it is reviewed', closedHint: 'The plan is closed; no more reports', draftHint: 'The plan is not published yet',
      doneNeeds100: 'A done task is 100% done', noFuture: 'The report date cannot be after today', submittedBy: 'By', reviewedBy: 'Reviewed by', comment: 'Review comment',
    },
    review: {
      title: 'Review the report', accept: 'Accept', return: 'Return', comment: 'Comment', commentRequired: 'Say why the report is returned',
      decision: 'Decision', done: 'Review saved',
    },
  },
  matrix: {
    plan: 'Plan', choosePlan: 'Choose a plan', noPlan: 'No published plan to show', overall: 'Overall completion', completed: 'Completed', total: 'Assignments',
    overdueCells: 'Overdue cells', part: 'Part', point: 'Point', pointRate: 'Point completion', cellStatus: 'Cell status',
    byCity: 'Completion by city', byPoint: 'Completion by point', rate: 'Completion', overdueMark: 'Overdue',
    legend: { done: 'Done', in_progress: 'In progress', not_started: 'Not started', overdue: 'Overdue', empty: 'Not addressed' },
  },
}

export default en
