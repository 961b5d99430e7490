/**
 * The programme module's texts (zh-CN), merged into the console's (src/i18n/messages.ts). Keys of
 * `programme`: shared labels first (kinds, statuses, stages, outcomes), then one block per page
 * group — round, analysis, objection, expert (rounds and experts) and application, term, public.
 */
import applications from './applications.zh-CN'

export default {
  ...applications,
  menu: {
    programme: '质量奖励与品牌', programmeRounds: '评选批次', programmeRound: '批次详情', programmeApplications: '申报管理', programmeApplication: '申报详情',
    programmeExperts: '评审专家', programmeTerms: '有效期管理', programmeApplicationNew: '新申报',
  },
  errors: {
    programme: {
      wrong_state: '当前状态不允许此操作，请刷新后查看',
      duplicate: '本单位已申报该批次，每个单位每批次只能申报一次',
      closed: '不在申报时间内',
      conflict: '该专家与申报单位存在利益冲突，不能担任评审',
      incomplete: '评审尚未完成：还有评分未提交，不能锁定本阶段',
      quota: '超出获奖或提名名额',
      notice_running: '公示期尚未结束',
      objections_open: '还有未处理的异议，请先处理',
      wrong_applicant: '该批次不接受本单位类型的申报',
      not_assigned: '您不是该申报的评审专家',
    },
  },
  programme: {
    view: '查看',
    edit: '编辑',
    kind: '项目类别',
    kinds: { award: '省政府质量奖', brand: '陇字号品牌认证', benchmark_city: '质量标杆城市', demo_zone: '质量品牌提升示范区' },
    kindsShort: { award: '质量奖', brand: '陇字号', benchmark_city: '标杆城市', demo_zone: '示范区' },
    roundStatuses: { draft: '草稿', open: '申报中', review: '评审中', notice: '公示中', decided: '已发布' },
    stages: { independent: '独立评审', consensus: '合议', site_visit: '现场评审', closed: '评审结束' },
    applicationStatuses: {
      draft: '草稿', submitted: '已提交', returned: '已退回', recommended: '已推荐', eligible: '资格审查通过', ineligible: '资格审查未通过', shortlisted: '拟授予',
      not_shortlisted: '未入围', awarded: '已授予', nominated: '提名', not_awarded: '未获奖', withdrawn: '已撤回',
    },
    outcomes: { winner: '获奖', nomination: '提名奖' },
    termStatuses: { active: '有效', remediating: '整改中', revoked: '已撤销', expired: '已到期' },
    objectionStatuses: { received: '待处理', upheld: '异议成立', dismissed: '异议不成立' },
    round: {
      name: '批次名称', year: '年度', status: '状态', stage: '评审阶段', applyDates: '申报时间', applyFrom: '申报开始', applyUntil: '申报截止',
      counts: '申报情况', countsText: '{applications} 份申报 · {submitted} 已提交 · {eligible} 通过审查', quotas: '名额', quotaText: '获奖 {w} · 提名 {n}',
      objectionsOpen: '待处理异议', createTitle: '新建评选批次', editTitle: '编辑评选批次', nameAuto: '{year} 年度{kind}', keywordHint: '批次名称',
      basics: '基本信息', rules: '评审规则', term: '有效期', rubricSection: '评分细则与申报条件',
      winnersQuota: '获奖名额', nominationsQuota: '提名奖名额', nominationsHint: '省政府质量奖可设提名奖，其他项目为 0',
      noticeDays: '公示期（工作日）', noticeDaysHint: '入围名单公示不少于 {min} 个工作日，公示期内可提出异议', noticeUntil: '公示截止', noticeRange: '公示期',
      anonymous: '匿名评审', anonymousHint: '专家只看到申报编号（如 R003），看不到申报单位名称',
      reviewersPer: '每份申报专家数', reviewersPerHint: '自动组建评审组时每份申报分配的专家人数',
      sameRegion: '同地区回避', sameRegionHint: '专家不评审与其同一地区（市州）的申报',
      termYears: '有效期（年）', surveillanceYears: '监督评价间隔（年）', surveillanceHint: '0 表示不做年度监督；陇字号品牌通常每年一次。有效期满前 180 天开启复评',
      rubric: '评分细则（TOML）', rubricHint: '按 [[criterion]] 书写：code、name、max、parent；专家只对末级条目打分。选择项目类别后自动载入默认细则，可修改。',
      rubricDefault: '恢复默认细则', rubricLoaded: '已载入{kind}的默认评分细则和申报条件',
      eligibility: '申报条件', eligibilityHint: '资格审查逐条核对的条件', eligibilityCode: '编号', eligibilityText: '条件', addEligibility: '添加条件', removeEligibility: '移除',
      openEditHint: '申报已开始，只能修改批次名称和申报时间',
      totalMax: '满分 {n} 分',
    },
    steps: {
      open: '开始申报', openConfirm: '开始「{name}」的申报？开始后评分细则和名额不能再修改。', opened: '已开始申报',
      close: '截止申报', closeConfirm: '截止「{name}」的申报并进入评审？至少需要一份通过资格审查的申报。', closed: '已进入评审',
      assign: '组建评审组', assignConfirm: '由评审引擎为尚未配齐专家的申报自动组建评审组（按专业匹配、工作量并回避利益冲突）。确定吗？', assigned: '评审组已组建',
      lock: '锁定{stage}', lockConfirm: '锁定「{stage}」阶段？锁定后本阶段评分不能再修改，进入下一阶段。', locked: '已锁定{stage}',
      shortlist: '确定拟授予名单', shortlisted: '拟授予名单已进入公示',
      decide: '发布结果', decideConfirm: '公示期已结束且无待处理异议。发布「{name}」的结果并颁发证书？', decided: '结果已发布，证书已生成',
      decideWait: '公示期至 {date} 结束后才能发布', decideObjections: '还有 {n} 条异议未处理',
      export: '导出结果', flow: '流程',
    },
    assignment: {
      title: '评审组分配结果', panels: '{n} 个评审组', label: '申报', reviewers: '评审专家', refused: '未选专家及原因', specialtyMatch: '专业匹配', noMatch: '专业不完全匹配', none: '无需分配：每份申报的专家均已配齐',
    },
    shortlist: {
      title: '确定拟授予名单', hint: '按最终得分排序；在名额内选择获奖和提名。确定后名单进入公示（{days} 个工作日）。',
      choice: '授予', none: '不授予', count: '已选 获奖 {w}/{wq} · 提名 {n}/{nq}', over: '超出名额', standingsFrom: '依据：{stage}',
    },
    tabs: { applications: '申报', rubric: '评分细则', analysis: '评审分析', objections: '异议' },
    applications: {
      code: '编号', applicant: '申报单位', region: '地区', industry: '行业', product: '产品/领域', selfTotal: '自评分', finalScore: '最终得分', rank: '名次', outcome: '结果', keywordHint: '申报单位、产品',
    },
    rubric: { code: '编号', name: '条目', max: '分值', leaf: '评分条目', total: '合计', download: '下载 rubric.toml', eligibility: '申报条件' },
    analysis: {
      stage: '评审阶段', standings: '排名', independent: '独立评审（截尾均值）', consensus: '合议', site_visit: '现场评审', final: '最终得分', rank: '名次', band: '等级',
      bandOf: '{n} 级', noScores: '本阶段尚无评分', chartTitle: '各申报的专家总分分布', chartHint: '箱线为各专家总分的分布，圆点为每位专家的总分；红色为离群专家的评分。',
      reviewerTotal: '{reviewer}：{total} 分', median: '中位数', trimmed: '截尾均值', min: '最低', max: '最高', spread: '标准差', rankRange: '名次范围',
      rankRangeHint: '去掉任一位专家后该申报的最好和最差名次；范围宽说明某位专家左右了名次',
      agreement: '评审一致性', icc: '组内相关系数 ICC', kendall: '肯德尔和谐系数 W', pValue: 'p = {p}', incomplete: '非完全设计：并非每位专家评审了每份申报，仅计算 ICC(1)',
      agreementLevels: { poor: '一致性差', moderate: '一致性一般', good: '一致性良好', excellent: '一致性很好', none: '数据不足，无法计算' },
      iccHint: 'ICC 衡量专家之间打分是否一致：低于 0.5 差，0.5–0.75 一般，0.75–0.9 良好，0.9 以上很好。ICC(2,k) 指专家组平均分的可靠性。',
      kendallHint: 'W 衡量专家给出的名次是否一致：0 完全不一致，1 完全一致；p 小于 0.05 说明一致并非偶然。',
      reviewers: '专家偏差', reviewer: '专家', nApplications: '评审数', deviation: '平均偏差', z: '稳健 z 值', outlier: '离群', outlierHint: '|z| 大于 3.5 的专家打分系统性偏高或偏低，建议合议时关注',
      looChanges: '去掉后名次变化', looSpearman: 'Spearman ρ', noOutliers: '没有离群专家',
      panel: '评审组（合议）',
      chartBox: '专家总分分布', chartReviewer: '专家总分', chartAxis: '总分', spreadOf: '{stage}评分情况', spreadText: '{n} 位专家 · {min}–{max} · 标准差 {sd}', panelSize: '{n} 份申报 · {k} 位专家',
      downloads: '复现计算', scoresCsv: '下载 scores.csv', rubricToml: '下载 rubric.toml',
      reproduce: '用下载的两个文件运行以下命令，可得到与本页相同的排名和统计：',
    },
    objection: {
      applicant: '申报单位', name: '异议人', contact: '联系方式', content: '异议内容', status: '状态', note: '处理意见', handledBy: '处理人', handledAt: '处理时间', createdAt: '提出时间',
      handle: '处理', handleTitle: '处理异议', outcome: '处理结果', upheldHint: '异议成立：该申报从拟授予名单中移除（未入围）', none: '没有异议', handled: '已处理',
    },
    expert: {
      name: '姓名', organisation: '工作单位', region: '所在地区', specialties: '专业领域', specialtiesHint: '输入后回车添加，如 食品、装备制造、质量管理',
      interests: '申报利益关系', interestsHint: '专家申明的相关单位或申报编号，评审时自动回避', relations: '曾任职/合作单位', relationOrg: '单位', relationYear: '截止年份',
      addRelation: '添加', removeRelation: '移除', relationsHint: '与申报单位的关系在近年内结束的，评审时回避',
      username: '登录账号', usernameHint: '专家用于登录打分的用户名（选填）', active: '在库', inactive: '停用', load: '当前评审量',
      createTitle: '新增评审专家', editTitle: '编辑评审专家', keywordHint: '姓名、单位、专业',
    },
    // Public pages (B): the honours, the notices and the certificate check.
    public: { honoursTitle: '质量奖励与品牌荣誉名录', noticesTitle: '评选结果公示', certificateTitle: '证书查验' },
  },
}
