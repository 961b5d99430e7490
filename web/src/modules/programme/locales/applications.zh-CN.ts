/**
 * The programme module's texts of the applications, the terms and the public pages (zh-CN),
 * spread into ./zh-CN.ts: `programmeApp` (the applications' list and page), `programmeTerm`
 * (surveillance and re-evaluation), `programmePublic` (honours, notices, certificate check).
 * The shared labels (kinds, statuses, stages, outcomes) are `programme.*` of ./zh-CN.ts.
 */
export default {
  programmeApp: {
    round: '评选批次', kind: '项目类别', applicant: '申报单位', city: '地区', industry: '所属行业', product: '产品/领域', applyDates: '申报时间',
    searchHint: '申报单位、产品', selfTotal: '自评分', finalScore: '最终得分', rank: '名次', outcome: '结果',
    newTitle: '新申报', saveDraft: '保存草稿', submit: '提交申报', submitted: '申报已提交',
    submitConfirm: '提交后不能再修改（被退回的除外）。确定向「{round}」提交申报吗？',
    summary: '申报概述', summaryHint: '单位概况、质量管理做法、主要成效等', contact: '联系人及电话', contactHint: '如 张三 0931-1234567',
    selfAssessment: '自评', selfAssessmentHint: '按本批次评分细则逐条自评（不超过各条分值），可附简要说明；提交前每个末级条目都要自评。',
    note: '说明', evidence: '证明材料', evidenceHint: '质量管理体系证书、获奖证明、检测报告等',
    criterion: '评分条目', max: '分值', score: '得分', totalOf: '合计 {total} / {max} 分',
    selfProblems: { missing: '条目 {code} 尚未自评', range: '条目 {code} 的自评分超出分值范围', text: '条目 {code} 需填写说明' },
    returnedHint: '申报已被退回，请按意见修改后重新提交',
    certificate: '下载证书', certificateCode: '证书编号', termUntil: '有效期至', termStatus: '证书状态',
    tabs: { form: '申报材料', checks: '推荐与审查', reviewers: '评审专家', scoring: '评分（{stage}）', scores: '评分记录', outcome: '评选结果' },
    apply: {
      button: '申报', title: '选择申报批次', none: '当前没有本单位可以申报的批次', go: '填写申报', dates: '申报时间 {from} ~ {until}',
    },
    recommend: {
      title: '推荐申报：{name}', heading: '市级推荐意见', decision: '意见', recommend: '推荐', return: '退回', note: '推荐意见',
      notePlaceholder: '推荐理由（选填）', returnPlaceholder: '退回原因，申报单位据此修改', noteRequired: '退回须填写原因',
    },
    check: {
      button: '资格审查', title: '资格审查：{name}', heading: '资格审查结果', item: '申报条件', result: '审查结果', passed: '符合', failed: '不符合',
      roundClosed: '「{name}」已截止申报，不能再做资格审查', reason: '原因', reasonPlaceholder: '不符合的原因', reasonRequired: '条件 {code} 不符合，须填写原因',
      eligible: '全部条件符合：资格审查通过', ineligible: '有条件不符合：资格审查不通过',
    },
    reviewers: {
      assigned: '评审专家', wanted: '已配 {n} / {wanted} 人', none: '尚未分配评审专家', candidates: '查看候选专家', filter: '筛选姓名、单位、专业',
      add: '加入评审组（{n}）', added: '已加入 {n} 位专家', name: '姓名', organisation: '工作单位', region: '地区', specialties: '专业领域', load: '评审量',
      match: '专业匹配', state: '回避情况', isAssigned: '已在评审组', free: '无利益冲突',
    },
    scoring: {
      save: '保存评分', saved: '评分已保存', comment: '评语', reason: '现场评审理由',
      hints: {
        independent: '独立评审：请逐条独立打分（不超过各条分值），评语选填；本阶段锁定前可修改。',
        consensus: '合议：专家组合议后的分数，每条须填写合议意见。',
        site_visit: '现场评审：只填现场核实后需要调整的条目（至少一条），每条须填写理由；其余条目沿用合议分数。',
      },
      problems: { missing: '条目 {code} 尚未打分', range: '条目 {code} 的分数超出分值范围', text: '条目 {code} 须填写意见' },
    },
    scores: { none: '尚无评分' },
    forward: {
      button: '推荐至中国质量奖', title: '推荐参评中国质量奖', heading: '中国质量奖推荐', note: '推荐说明', hint: '将「{name}」作为本省推荐对象报送中国质量奖评选。',
      at: '已于 {at} 推荐', not: '未推荐',
    },
  },
  programmeTerm: {
    review: '评价类型', reviews: { surveillance: '年度监督', re_evaluation: '期满复评' },
    statuses: { open: '待评价', kept: '保持', remediate: '限期整改', revoked: '已撤销' },
    outcomes: { keep: '保持称号', remediate: '限期整改', revoke: '撤销称号' },
    dueOn: '评价期限', conclusion: '评价结论', deadlineOn: '整改期限 {date}', application: '申报',
    conclude: {
      button: '评价', title: '评价结论：{name}', outcome: '结论', deadline: '整改期限', note: '评价意见',
      deadlineRequired: '请选择今天以后的整改期限', revokeHint: '撤销后称号和证书失效，公开名录不再列出。',
    },
  },
  programmePublic: {
    nav: '质量奖励与品牌公开信息', login: '工作人员登录',
    honours: {
      title: '荣誉名录', intro: '省政府质量奖获奖组织、陇字号品牌、质量标杆城市和质量品牌提升示范区名录（有效期内）。',
      q: '搜索名称', qProduct: '搜索企业或产品名称', region: '地区', industry: '行业', product: '产品', round: '评选批次', validUntil: '有效期至',
      found: '共 {n} 项', none: '没有符合条件的记录', forwarded: '已推荐中国质量奖',
    },
    notices: {
      title: '评选公示', intro: '以下为拟授予名单，公示期内任何单位和个人可对名单提出异议，请如实填写联系方式以便核实。',
      none: '目前没有正在公示的名单', until: '公示截止：{date}', holder: '拟授予对象', outcome: '拟授予',
    },
    objection: {
      button: '提出异议', title: '提出异议', about: '对「{round}」拟授予对象「{holder}」提出异议', name: '姓名', contact: '联系方式', contactHint: '手机或电子邮箱',
      content: '异议内容', send: '提交异议', thanks: '异议已受理', thanksHint: '受理编号 {id}。我们将在公示期结束前核实处理。',
      privacy: '您的姓名和联系方式仅用于核实异议，不会公开。',
    },
    certificate: {
      title: '证书查验', intro: '输入证书上的查验码，核实证书的真实性和有效状态。', code: '查验码', check: '查验', kind: '项目',
      issuedOn: '颁发日期', valid: '证书真实有效', invalid: '证书真实，但已不在有效状态',
      missing: '没有该证书', missingHint: '查验码 {code} 不对应任何证书，请核对后重新输入。',
    },
  },
}
