/**
 * The assessment module's texts (zh-CN), merged into the console's (src/i18n/messages.ts) with
 * those of the results, remediation and national feedback pages (./results.zh-CN.ts). Keys of
 * `assessment`: shared labels first (statuses), then one block per page group — year, steps,
 * settings, indicator, progress (years), evaluation, veto (self-evaluations), scoring.
 */
export default {
  menu: {
    assessment: '质量工作考核', assessmentYears: '年度考核', assessmentYear: '年度考核详情', assessmentResults: '考核结果',
    assessmentEvaluations: '市州自评', assessmentEvaluation: '自评详情', assessmentScoring: '部门评分',
    assessmentRemediations: '整改跟踪', assessmentRemediation: '整改详情', assessmentFindings: '国家考核反馈问题',
  },
  errors: {
    assessment: {
      wrong_state: '当前状态下不能进行此操作，请刷新后查看',
      duplicate: '该年度已有考核：每年只进行一次考核',
      points_total: '指标分值合计不是 100 分，不能开始自评',
      deadline_passed: '已过自评截止日期，不能再填写或提交自评',
      incomplete: '尚未完成：提交自评需填写每项指标的自评分，发布结果需每项指标均已评分',
      not_your_indicator: '该指标不由本单位评分',
      not_published: '考核结果尚未发布',
    },
  },
  assessment: {
    view: '查看', edit: '编辑', delete: '删除',
    yearStatuses: { draft: '草稿', self_evaluation: '市州自评', scoring: '部门评分', published: '已发布' },
    evaluationStatuses: { draft: '未提交', submitted: '已提交' },
    year: {
      year: '年度', title: '考核名称', status: '状态', deadline: '自评截止日期', cities: '考核市州', citiesHint: '默认为全省 14 个市州',
      fromYear: '指标体系来源', fromYearHint: '复制所选年度的指标体系；不选则复制最近一年的，首次考核使用内置的国家考核指标体系（100 分）',
      fromLatest: '最近一年', indicators: '指标', indicatorsText: '{n} 项 · {points} 分', progress: '自评进度', progressText: '{submitted}/{total} 已提交',
      publishedAt: '发布时间', reopened: '已重新打开 {n} 次', createTitle: '新建年度考核', titleAuto: '{year}年度市州政府质量工作考核', create: '新建考核',
    },
    steps: {
      open: '开始自评', openConfirm: '开始「{title}」的市州自评？指标体系和考核设置将不能再修改，各市州将收到通知。', opened: '已开始自评',
      close: '截止自评', closeConfirm: '截止自评并交由各部门评分？未提交的市州将不能再提交。', closed: '已进入部门评分',
      publish: '发布结果', publishConfirm: '发布「{title}」的考核结果？将计算总分、等次和排名，并为排名靠后和不合格的市州生成整改任务。', published: '考核结果已发布',
      reopen: '重新打开', reopenTitle: '重新打开考核', reopenReason: '原因', reopenHint: '考核回到部门评分阶段，尚未报送的整改任务将取消；再次发布时重新计算结果。', reopened: '考核已重新打开',
      results: '考核结果',
    },
    tabs: { settings: '考核设置', indicators: '指标体系', progress: '进度' },
    settings: {
      grades: '等次', grade: '等次', min: '最低分', addGrade: '添加等次', removeGrade: '移除',
      gradesHint: '从高到低排列，最后一个等次的最低分为 0', failBelow: '不合格线', failBelowHint: '总分低于此分数的市州须整改',
      bottomCount: '末位整改数', bottomCountHint: '排名最后几位的市州须整改', remediationDays: '整改期限（天）', remediationDaysHint: '自结果发布之日起计算',
      limitedHint: '市州自评已开始：只能修改考核名称和自评截止日期', readonlyHint: '当前阶段不能修改考核设置',
      gradeProblems: {
        empty: '至少需要一个等次', name: '请填写等次名称', duplicate: '等次名称不能重复', range: '最低分应在 0–100 之间', order: '最低分应从高到低递减', floor: '最后一个等次的最低分应为 0',
      },
    },
    indicator: {
      part: '类别', code: '编号', name: '指标', points: '分值', rule: '评分标准', evidence: '佐证材料', department: '评分部门', sort: '排序',
      total: '合计 {n} 分', partPoints: '{n} 分', notHundred: '指标分值合计为 {total} 分，应为 100 分：开始自评前须调整',
      add: '添加指标', createTitle: '添加指标', editTitle: '编辑指标', deleteConfirm: '删除指标「{code} {name}」吗？', deleted: '指标已删除',
      import: '导入指标', importHint: '导入将替换本年度的全部指标（全部成功才生效）；评分部门列填写部门编码或名称。', export: '导出指标', partHint: '如：一、质量发展', none: '尚无指标',
    },
    progress: {
      submitted: '自评提交', scored: '部门评分', submittedText: '{n}/{of} 个市州已提交', scoredText: '{n}/{of} 项已评分',
      city: '市州', status: '自评状态', submittedAt: '提交时间', claimedTotal: '自评总分',
    },
    evaluation: {
      year: '年度', city: '市州', status: '状态', submittedAt: '提交时间', claimedTotal: '自评总分', total: '总分', grade: '等次', rank: '名次',
      veto: '一票否决', vetoed: '已否决', targets: '年度质量工作目标', targetsHint: '本年度质量工作的主要目标和完成情况',
      items: '指标自评', deadline: '自评截止', deadlinePassed: '已过自评截止日期', points: '分值', claimed: '自评分', statement: '自评说明', attachments: '佐证材料',
      rule: '评分标准', evidence: '佐证材料要求', department: '评分部门', score: '评分', comment: '评分说明', provinceMean: '全省平均', weak: '薄弱项',
      partSubtotal: '{claimed} / {points} 分', save: '保存', submit: '提交自评', submitConfirm: '提交后不能再修改。确定提交{city}的自评吗？', submitted: '自评已提交',
      missing: '指标 {codes} 尚未填写自评分', readonlyHint: '自评已提交，不能再修改', closedHint: '当前不在自评阶段，不能填写',
    },
    veto: {
      button: '一票否决', title: '一票否决', veto: '否决', lift: '撤销否决', reason: '否决原因', reasonHint: '如：发生重大质量安全事故',
    },
    scoring: {
      year: '考核年度', indicator: '指标', city: '市州', mine: '只看本单位的指标', claimed: '自评分', statement: '自评说明', score: '评分', comment: '评分说明',
      commentHint: '扣分时须说明理由', scoredBy: '评分人', points: '分值 {n}', save: '保存评分', saved: '已保存 {n} 项评分', nothing: '没有修改的评分',
      readonly: '本年度不在评分阶段，只能查看', none: '没有需要评分的指标', noYear: '没有处于评分阶段的考核', scoredText: '已评 {n}/{of}',
      problems: { range: '评分应在 0–{points} 之间', comment: '扣分时请填写评分说明' },
    },
  },
}
