import type zh from './zh-CN'

const en: typeof zh = {
  app: { name: 'Longzhi', title: 'Gansu Quality Development Information System', short: 'Longzhi' },
  lang: { 'zh-CN': '简体中文', en: 'English', label: 'Language' },
  common: {
    ok: 'OK', cancel: 'Cancel', save: 'Save', search: 'Search', reset: 'Reset', create: 'New', edit: 'Edit',
    delete: 'Delete', import: 'Import', export: 'Export', actions: 'Actions', confirm: 'Confirm', yes: 'Yes', no: 'No',
    expand: 'Expand', collapse: 'Collapse', refresh: 'Refresh', loading: 'Loading…', noData: 'No data',
    enabled: 'Active', disabled: 'Disabled', status: 'Status', createdAt: 'Created', updatedAt: 'Updated',
    remark: 'Remark', close: 'Close', back: 'Back', detail: 'Details', all: 'All', keyword: 'Keyword',
    keywordPlaceholder: 'Name, code …', dateRange: 'Dates', startDate: 'From', endDate: 'To',
    deleteConfirm: 'Delete the {n} selected records?', deleteOneConfirm: 'Delete “{name}”?',
    deleted: 'Deleted', saved: 'Saved', done: 'Done', warning: 'Notice', total: '{n} in all',
    selected: '{n} selected', toggleSearch: 'Show or hide search', toggleSidebar: 'Expand or collapse the menu',
    skipToContent: 'Skip to main content', sort: 'Order', parent: 'Parent', none: 'None',
  },
  menu: {
    notices: 'Notices',
    home: 'Home', system: 'System', users: 'Users', roles: 'Roles', orgs: 'Organisations', regions: 'Regions',
    dicts: 'Dictionaries', params: 'Parameters', auditLogs: 'Audit log', loginLogs: 'Login log', sessions: 'Online sessions',
    profile: 'Profile', mySessions: 'My sessions', changePassword: 'Change password', forbidden: 'Forbidden', notFound: 'Not found',
  },
  tabs: { close: 'Close', closeOthers: 'Close others', closeAll: 'Close all', refresh: 'Reload page' },
  userMenu: { profile: 'Profile', mySessions: 'My sessions', changePassword: 'Change password', logout: 'Log out', logoutConfirm: 'Log out now?' },
  login: {
    title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', welcome: 'Welcome to',
    footer: 'Gansu Provincial Administration for Market Regulation', loggedOut: 'You have logged out', sessionEnded: 'Your session has ended; please sign in again',
  },
  password: {
    title: 'Change password', old: 'Current password', new: 'New password', confirm: 'Repeat new password', mismatch: 'The two passwords differ',
    policy: 'At least {min} characters, with at least {classes} of: upper case, lower case, digits, other characters',
    tooShort: 'At least {min} characters', classes: 'Use at least {classes} of: upper case, lower case, digits, other characters',
    changed: 'Password changed', forced: 'Please change your initial password before you go on', sameAsOld: 'The new password must differ from the current one',
  },
  rules: {
    required: '{field} is required', select: 'Choose {field}', length: '{field} must be {min}–{max} characters',
    usernameFormat: 'A user name starts with a letter and holds letters, digits, _ . - only',
    orgCodeFormat: 'An organisation code has 1–{max} letters, digits, _ or -',
    creditLength: 'A unified social credit code has 18 characters', creditFormat: 'The credit code holds characters it may not',
    creditChecksum: 'The credit code’s check character is wrong', email: 'Not an e-mail address', phone: 'Not a mobile number',
  },
  errors: {
    auth: {
      unauthenticated: 'You are not signed in; please sign in',
      session_expired: 'Your session expired; please sign in again',
      invalid_credentials: 'Wrong user name or password',
      locked: 'Too many failed attempts; the account is locked for a while',
      too_many_attempts: 'Too many failed sign-ins from this address; try again later',
      disabled: 'This account is disabled',
      password_change_required: 'Change your initial password first',
      forbidden: 'You may not do this',
      csrf: 'Security check failed; reload the page or sign in again',
    },
    validation: {
      field: 'Some fields are not valid',
      body: 'Malformed request',
    },
    request: {
      too_large: 'What you sent is too large',
      method: 'Method not allowed',
      timeout: 'The request timed out',
    },
    user: { self: 'You cannot do this to your own account', beyond_own: 'The user holds a role beyond your own rights or data scope' },
    org: { in_use: 'The organisation still has users or child organisations', protected: 'You cannot disable, delete or re-type your own organisation or one above it; only the province changes a regulator’s kind or status' },
    role: { builtin: 'Built-in roles cannot be deleted', in_use: 'The role is still held by users', beyond_own: 'You cannot edit a role beyond your own rights' },
    dict: { builtin: 'Built-in dictionaries cannot be deleted; disable them instead' },
    import: { file: 'Please upload an Excel .xlsx file', too_large: 'The Excel file is over its size limits' },
    file: { type_not_allowed: 'This kind of file is not accepted', quota: 'Upload quota for 24 hours reached; try again later' },
    not_found: 'No such record, or it is outside your data scope',
    conflict: {
      version: 'Someone else changed this record; reload and try again',
      duplicate: 'This value is already taken',
    },
    internal: 'Internal server error',
    client: {
      network: 'Cannot reach the server',
      bad_response: 'The server sent an answer the console cannot read',
    },
  },
  list: { searchPanel: 'Search', noPermission: 'Not permitted' },
  importer: {
    title: 'Import from Excel', template: 'Download the template', choose: 'Choose a file', hint: '.xlsx files only; if any row has an error nothing is stored',
    upload: 'Import', created: '{n} records imported', failed: 'Import failed: {n} errors, nothing was stored',
    row: 'Row', field: 'Field', code: 'Code', message: 'Message', noFile: 'Choose a file first',
  },
  pages: {
    forbiddenTitle: '403', forbiddenText: 'Sorry, you may not open this page.', notFoundTitle: '404',
    notFoundText: 'Sorry, this page does not exist.', goHome: 'Back to home',
  },
  dashboard: {
    title: 'Quality development overview', metric: 'Metric', region: 'Region', value: 'Value', province: 'Province',
    metrics: { users: 'Users', open_tasks: 'Open tasks', overdue_tasks: 'Overdue tasks' },
    backToProvince: 'Back to the province', drillHint: 'Click a region on the map for its details', subRegions: 'Subdivisions',
    ownRegion: 'Own region', specialRegions: 'Areas under the province', noMapFor: 'No boundary data for this region; values only',
    table: 'Values by region', scope: 'Data scope',
  },
  scope: { all: 'All data', region: 'Own region and below', org: 'Own organisation', own: 'Own records', assigned: 'Assigned records' },
  user: {
    resetHint: 'The new password is an initial one: the user must change it at the next sign-in; their sessions end.', username: 'User name', name: 'Name', org: 'Organisation', roles: 'Roles', phone: 'Mobile', email: 'E-mail',
    password: 'Initial password', lastLogin: 'Last login', resetPassword: 'Reset password', newPassword: 'New password',
    resetDone: 'Password reset; the user must change it at the next login', enable: 'Enable', disable: 'Disable',
    statusChanged: 'Status updated', disableConfirm: 'Disable user “{name}”? Their sessions end.', region: 'Region',
  },
  role: {
    code: 'Code', name: 'Name', nameEn: 'English name', dataScope: 'Data scope', permissions: 'Permissions', permissionCount: 'Permissions',
    expandAll: 'Expand all', checkAll: 'Select all',
  },
  org: {
    code: 'Code', name: 'Name', kind: 'Kind', parent: 'Parent organisation', region: 'Region', creditCode: 'Unified social credit code', contact: 'Contact', phone: 'Phone', addChild: 'Add below',
  },
  region: { code: 'Code', name: 'Name', nameEn: 'English name', level: 'Level', parent: 'Parent' },
  dict: { type: 'Type', nameZh: 'Chinese name', nameEn: 'English name', items: 'Items', value: 'Value', labelZh: 'Chinese label', labelEn: 'English label', chooseType: 'Choose a dictionary type on the left' },
  param: { key: 'Key', name: 'Name', value: 'Value', bounds: 'Range', range: 'A whole number from {min} to {max}' },
  audit: {
    actor: 'Actor', at: 'Time', entity: 'Entity', entityId: 'Record ID', action: 'Action', diff: 'Changes', field: 'Field',
    before: 'Before', after: 'After', viewDiff: 'View changes', requestId: 'Request ID',
    actions: {
      create: 'Create', update: 'Update', delete: 'Delete', reset_password: 'Reset password', change_password: 'Change password', force_logout: 'Force logout',
      publish: 'Publish plan', close: 'Close plan', published: 'Task assigned', reported: 'Progress reported', accepted: 'Report accepted', returned: 'Report returned',
      reminded: 'Reminder sent', overdue: 'Overdue',
    },
  },
  loginLog: { keyword: 'User name, IP', username: 'User name', result: 'Result', success: 'Success', failure: 'Failure', reason: 'Reason', ip: 'IP address', userAgent: 'Browser', at: 'Time' },
  session: {
    user: 'User', keyword: 'IP or browser', ip: 'IP address', userAgent: 'Browser', createdAt: 'Signed in', lastSeen: 'Last active', expiresAt: 'Expires',
    forceLogout: 'Force logout', forceConfirm: 'End this session now?', current: 'This session', revoke: 'Revoke',
    revokeConfirm: 'Revoke this session?', revoked: 'Session revoked',
  },
  profile: { title: 'My account', account: 'Account', org: 'Organisation', region: 'Region', roles: 'Roles', scope: 'Data scope', permissions: 'Permissions' },
  file: { upload: 'Upload', uploading: 'Uploading…', remove: 'Remove', none: 'No attachments', hint: 'PDF, images, Office documents, ZIP and text files', download: 'Download' },
  notice: {
    title: 'Notices', unread: 'Unread', read: 'Read', state: 'State', kind: 'Kind', content: 'Content', createdAt: 'Time', readAt: 'Read at',
    markAllRead: 'Mark all read', markRead: 'Mark read', viewAll: 'View all', none: 'No unread notices', open: 'Open', bell: 'Notices, {n} unread',
    kinds: { task_assigned: 'Task assigned', report_returned: 'Report returned', report_accepted: 'Report accepted', report_submitted: 'New report', deadline_near: 'Deadline near', overdue: 'Overdue' },
  },
}

export default en
