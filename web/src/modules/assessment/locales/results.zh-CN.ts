/**
 * The assessment module's texts of the results, the remediation and the national feedback
 * (zh-CN); merged with the module's others in ../index.ts.
 */
export default {
  assessmentResults: {
    title: '考核结果', published: '已发布', provisional: '暂定成绩', publishedAt: '发布于 {at}',
    year: '返回考核年度', remediations: '整改任务', notification: '下载通报', export: '导出排名',
    provisionalTitle: '成绩尚未发布：以下为暂定成绩',
    provisionalHint: '仅省局可见。按目前已录入的评分计算，评分未全部完成前排名和等次还会变化；发布后各市州和各处室才能查看。',
    notPublished: '考核结果尚未发布', notPublishedHint: '省局发布考核结果后即可在此查看排名、等次和各项得分。',
    ranking: '市州排名', average: '共 {n} 个市州，平均得分 {avg}', grades: '等次分布', cities: '{n} 个',
    map: '各市州考核得分', parts: '各部分得分', partsHint: '按考核指标体系的各部分堆叠，合计为该市州的考核得分（一票否决的市州另行定等）。', scoreAxis: '得分',
    rank: '名次', city: '市州', claimedTotal: '自评得分', total: '考核得分', grade: '等次',
    veto: '一票否决', vetoed: '否决', remediation: '整改', remediates: '需整改',
    indicatorsTitle: '{city}的指标得分', indicator: '指标', points: '分值', score: '得分', provinceMean: '全省平均', gap: '差距', comment: '评分意见',
    shareAxis: '得分率（%）', weakCount: '低于全省平均的薄弱指标 {n} 项（红色）', noWeak: '没有低于全省平均的指标', allIndicators: '显示全部指标',
    meansOnly: '各指标的全省平均得分（各市州的逐项得分由省局和本市州查看）。',
  },
  remediation: {
    statuses: { open: '待整改', submitted: '待审核', returned: '已退回', closed: '已销号', cancelled: '已取消' },
    reasons: { bottom: '排名靠后', failing: '考核不合格', bottom_failing: '排名靠后且不合格' },
    overdueDays: '逾期 {n} 天', daysLeft: '剩余 {n} 天',
    year: '考核年度', city: '市州', reason: '整改原因', result: '得分 · 等次 · 名次', rankOf: '第 {n} 名', dueOn: '整改期限', talks: '约谈',
    submittedAt: '报告提交时间', closedAt: '销号时间', total: '考核得分', grade: '等次', rank: '名次',
    heading: '{year} 年度{city}整改', results: '考核结果',
    returnedNote: '整改报告已退回：{note}', closedNote: '已销号：{note}', cancelledNote: '考核结果已重新评定，本整改任务已取消。',
    report: {
      title: '整改报告', hint: '请在 {date} 前说明整改措施和成效，并附上相关证明材料。', placeholder: '逐项说明存在的问题、整改措施、完成情况和长效机制',
      evidence: '证明材料', submit: '提交整改报告', required: '请填写整改报告', none: '市州尚未提交整改报告',
      confirm: '提交后由省局审核，审核前不能修改。确定提交整改报告吗？', submitted: '整改报告已提交',
    },
    review: {
      button: '审核整改', title: '审核整改：{city}', decision: '审核结果', close: '整改到位，销号', return: '退回补充', note: '审核意见',
      closeHint: '审核意见（选填）', returnHint: '说明需要补充或继续整改的内容', noteRequired: '退回时请填写审核意见',
    },
    talk: {
      button: '记录约谈', title: '记录约谈：{city}', list: '约谈记录', none: '暂无约谈记录',
      heldOn: '约谈日期', participants: '参加人员', participantsHint: '如：省市场监管局副局长张三，某市人民政府副市长李四',
      summary: '约谈内容', summaryHint: '约谈指出的问题、提出的要求和市州政府的表态', recordedBy: '记录人',
    },
  },
  finding: {
    statuses: { open: '整改中', closed: '已销号' },
    year: '考核年度', finding: '反馈问题', owner: '责任单位', measures: '整改措施', dueOn: '整改期限', progress: '整改进展',
    ownerHint: '选择省局处室或市州市场监管局', ownerGroups: { departments: '省局处室', cityBureaus: '市州市场监管局' },
    form: {
      createTitle: '新增国家考核反馈问题', editTitle: '修改国家考核反馈问题',
      findingHint: '国家质量工作考核反馈指出的问题', measuresHint: '责任单位应采取的整改措施',
    },
    progressButton: '报送进展', progressTitle: '报送整改进展', progressHint: '目前的整改措施落实情况和取得的成效',
    close: { button: '销号', title: '问题销号', note: '销号说明', hint: '整改完成情况和核实意见' },
    closedText: '{at} 销号：{note}',
  },
}
