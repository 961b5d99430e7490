/**
 * The service-quality module's texts (zh-CN), merged into the console's (src/i18n/messages.ts):
 * the survey design, the rounds' fieldwork and the public questionnaire here; the results, the
 * remediation tasks and the events in ./results.zh-CN.ts.
 */
import results from './results.zh-CN'

export default {
  ...results,
  menu: {
    service: '服务质量', serviceSurveys: '满意度问卷', serviceSurvey: '问卷设计', serviceRounds: '调查轮次', serviceRound: '轮次详情',
    serviceResults: '测评结果', serviceTasks: '整改任务', serviceTask: '整改详情', serviceEvents: '协同处置', serviceEvent: '事件详情',
  },
  errors: {
    service: {
      wrong_state: '当前状态不允许此操作，请刷新后查看',
      not_computed: '本轮结果尚未计算',
      token_used: '该调查链接已使用，每个链接只能提交一次',
      own_task: '不能审核本单位的整改任务',
    },
  },
  service: {
    view: '查看',
    fields: { public: '公共服务', life: '生活服务' },
    flags: {
      straight_line: { label: '直线作答', rule: '所有作答题目的分值相同（至少作答 {n} 题）', detail: '至少作答 {n} 题且分值全部相同' },
      speeding: { label: '作答过快', rule: '作答用时低于问卷规定的最短时间', detail: '作答用时少于 {seconds} 秒' },
      out_of_range: { label: '超出量表', rule: '有分值超出量表范围（按原样保存，不参与计算）', detail: '有分值不在 {min}–{max} 之内' },
      missing: { label: '缺答过多', rule: '空白（不知道）题目的比例超过问卷允许的上限', detail: '空白题目超过 {share}' },
    },
    job: {
      statuses: { queued: '排队中', running: '计算中', done: '已完成', failed: '失败' },
    },
    template: {
      constructs: {
        EX: { name: '顾客预期', items: { EX1: '使用该项服务前，您对其总体质量的期望', EX2: '您期望该项服务满足您个人需求的程度', EX3: '您期望该项服务稳定可靠、不出差错的程度' } },
        PQ: { name: '感知质量', items: { PQ1: '您对该项服务总体质量的评价', PQ2: '该项服务满足您个人需求的程度', PQ3: '该项服务稳定可靠、不出差错的程度' } },
        PV: { name: '感知价值', items: { PV1: '考虑所付出的费用和时间，您对该项服务质量的评价', PV2: '考虑该项服务的质量，您对所付出费用和时间的评价' } },
        CS: { name: '满意度', items: { CS1: '总体而言，您对该项服务的满意程度', CS2: '与您的预期相比，该项服务的表现', CS3: '与您心目中理想的服务相比，该项服务的接近程度' } },
        CC: { name: '顾客抱怨', items: { CC1: '您对该项服务抱怨或不满的程度（分数越高抱怨越多）', CC2: '您向有关部门投诉该项服务的可能性' } },
        CL: { name: '顾客忠诚', items: { CL1: '今后继续使用该项服务的可能性', CL2: '向亲友推荐该项服务的可能性' } },
      },
    },
    survey: {
      code: '问卷代码', codeHint: '字母开头，如 SQ2026', name: '问卷名称', keywordHint: '代码或名称', edition: '版本', editionOf: '第 {n} 版',
      statuses: { draft: '草稿', active: '启用', retired: '停用' },
      scale: '量表', scaleOf: '1–{max} 分', model: '模型', modelSize: '{c} 个潜变量 · {i} 道题', services: '调查服务', rounds: '调查轮次', usedBy: '已用于 {n} 个调查轮次',
      create: '新建问卷', templateHint: '新问卷按 ACSI 模型生成：顾客预期、感知质量、感知价值、满意度、顾客抱怨、顾客忠诚 6 个潜变量及其题目和 9 条路径，满意度为目标变量；创建后可在问卷设计中修改。',
      activate: '启用', activateConfirm: '启用前将由 PLS 引擎校验「{name}」第 {n} 版的模型；启用后不能再修改，可用于新的调查轮次。确定启用吗？', activated: '问卷已启用',
      revise: '新建版本', reviseConfirm: '将复制「{name}」第 {n} 版为新的草稿版本。确定吗？', revised: '已创建新的草稿版本',
      toml: '下载 MODEL.toml', unsaved: '有未保存的修改', saveFirst: '请先保存修改', fixFirst: '问卷还有 {n} 处问题，请先修改', leaveConfirm: '有未保存的修改，确定离开吗？',
      readonlyHint: '已启用或停用的问卷不能修改；如需调整请新建版本', noRight: '您没有修改问卷的权限', engineRefused: 'PLS 引擎未通过模型校验',
      basics: '基本信息', quality: '数据质量规则', target: '目标变量', targetHint: '该潜变量的指数即满意度指数（0–100），须有路径指向它',
      minSeconds: '最短用时（秒）', minSecondsHint: '作答用时少于此值的样本标记为「作答过快」并剔除',
      maxMissing: '允许空白比例', maxMissingHint: '空白（不知道）题目超过此比例（最高 50%）的样本标记为「缺答过多」并剔除',
      addField: '全选{field}', clearServices: '清空',
      constructs: '潜变量与题目', constructsHint: '每个潜变量由若干题目测量（反映型指标）；题目代码即导入数据和引擎数据文件的列名，在整份问卷中唯一。',
      constructCode: '代码', constructName: '名称', constructNameEn: '英文名称', itemCode: '题目代码', itemText: '题目', itemTextEn: '英文题目',
      addConstruct: '添加潜变量', removeConstruct: '移除潜变量', addItem: '添加题目', removeItem: '移除题目', moveUp: '上移', moveDown: '下移', noItems: '还没有题目',
      paths: '路径模型', pathsHint: '结构模型中潜变量之间的因果路径（不能成环）；右侧为路径图，目标变量以橙色标出。',
      pathFrom: '起点', pathTo: '终点', addPath: '添加路径', removePath: '移除路径', noPaths: '还没有路径', diagram: '路径图', noConstructs: '还没有潜变量',
      problems: {
        scale: '量表的上限须大于下限', maxMissing: '允许空白比例须在 0–{max}% 之间', minSeconds: '最短用时须为 0–{max} 秒的整数', noServices: '请至少选择一项调查服务',
        constructCount: '模型须有 {min}–{max} 个潜变量', code: '代码以字母开头，只能包含字母、数字和 _（最多 {max} 位）', duplicate: '代码 {code} 重复',
        reserved: '{code} 是数据的分组列名，不能用作题目代码',
        name: '请填写名称', noItems: '潜变量 {code} 还没有题目', manyItems: '潜变量 {code} 最多 {max} 道题', text: '请填写题目', unknownConstruct: '请选择潜变量', selfPath: '路径的起点和终点不能相同',
        duplicatePath: '路径重复', noPaths: '请至少添加一条路径', cycle: '路径成环，PLS 模型须为递归模型', target: '请选择目标变量', targetEndogenous: '须有路径指向目标变量',
      },
    },
    round: {
      name: '轮次名称', nameAuto: '{year} 年{name}', year: '年度', dates: '调查时间', survey: '问卷', services: '调查服务数', target: '样本配额',
      collected: '回收进度', valid: '有效样本', resamples: '自助法次数', resamplesHint: '计算置信区间的自助法（bootstrap）重抽样次数，{min}–{max} 次',
      seed: '随机种子', computedAt: '计算时间', publishedAt: '发布时间', results: '测评结果',
      statuses: { design: '设计', fieldwork: '调查中', closed: '已结束', published: '已发布' },
      stepHints: { design: '设置样本配额', fieldwork: '录入、导入与在线收集', closed: '计算模型与指数', published: '通报各市州' },
      createTitle: '新建调查轮次', editTitle: '修改调查轮次', activeOnly: '仅可选择已启用的问卷', noActive: '没有已启用的问卷，请先在「满意度问卷」中启用',
      open: '开始调查', openConfirm: '「{name}」将进入调查阶段，各市州可录入、导入和在线收集样本。确定开始吗？', openDone: '调查已开始',
      close: '结束调查', closeConfirm: '结束后「{name}」不能再录入或收集样本。确定结束吗？', closeDone: '调查已结束',
      compute: '计算结果', recompute: '重新计算', computed: '结果已计算', computeFailed: '计算失败', computeFailedWhy: '计算失败：{why}',
      publish: '发布', publishConfirm: '发布后将生成「{name}」的通报并通知各市州，各市州即可查看全省结果。确定发布吗？', publishDone: '已发布并通知各市州',
      notice: '下载通报', noticePreview: '预览通报',
      tabs: { overview: '概况', quotas: '样本配额', responses: '样本（{n}）' },
      needQuotas: '请先在「样本配额」中为各市州和服务设置配额，再开始调查。',
      needCompute: '调查已结束：计算结果（至少 {n} 份有效样本）后可查看测评结果并发布通报。',
      interim: '调查期间可随时计算中期结果（至少 {n} 份有效样本）；结束调查并计算后才能发布。',
      tooFew: '有效样本不足：计算至少需要 {n} 份，目前 {valid} 份',
      readyToPublish: '结果已计算，可查看测评结果；确认无误后发布通报。',
      basis: '满意度指数按 ACSI/ECSI 方法由偏最小二乘结构方程模型（PLS-SEM）计算：潜变量得分按外部权重换算为 0–100 的指数，置信区间由自助法得到；结果与 longzhi engine pls 对导出数据和 MODEL.toml 的计算一致。',
    },
    quota: {
      grid: '配额表', list: '配额明细与调查员', region: '市州', service: '服务', collected: '回收', valid: '有效', collector: '调查员',
      total: '合计', rowTotal: '市州合计', none: '还没有配额', noneMine: '没有分配给您的配额',
      legend: '每格为配额，下方为已回收 / 有效样本数', progress: '已回收 {c} / {n}', validOf: '有效 {v}',
      bulk: '批量配额', fillAll: '全部填入', fillRow: '整行', fillColumn: '整列', fillHint: '点击市州下的「整行」或服务下的「整列」按此数填入',
      save: '保存配额', saved: '配额已保存', unsaved: '有未保存的修改', resetConfirm: '放弃未保存的修改吗？',
      noCollector: '未指派', noCollectors: '本市州没有满意度调查员', assigned: '调查员已指派',
    },
    links: {
      open: '调查链接', title: '一次性调查链接', count: '生成数量', issue: '生成', issued: '已生成 {n} 个链接',
      once: '链接只在生成时显示一次，请立即复制或下载保存；每个链接只能提交一份问卷，计入本配额。',
      hint: '受访者无需登录，打开链接即可作答。', csv: '下载 CSV', no: '序号', url: '链接', token: '令牌',
    },
    response: {
      id: '编号', createdAt: '提交时间', channel: '来源', channels: { staff: '调查员录入', import: '导入', link: '在线链接' },
      answered: '已答', duration: '用时', flags: '数据质量', flag: '质量标记', enteredBy: '录入人',
      valid: '有效', excluded: '已剔除', excludedFilter: '是否有效',
      exportCsv: '导出引擎数据', exportCsvHint: '有效样本的 CSV，与 longzhi engine pls --data 读取的格式一致',
      exportXlsx: '导出样本明细', exportXlsxHint: '按当前筛选导出全部样本及其质量标记（Excel）',
      notFieldwork: '调查阶段才能录入和导入样本', noSurvey: '无法读取本轮问卷，暂不能录入样本',
    },
    quality: { responses: '样本总数', validOf: '有效 {v} · 剔除 {x}' },
    entry: {
      title: '录入样本', quota: '配额', chooseQuota: '请选择配额（市州 · 服务）', duration: '作答用时',
      measured: '自动计时', typed: '手工填写', seconds: '秒', typeDuration: '请填写作答用时（秒）',
      hint: '每题选 {min}–{max} 分；受访者不知道或不愿回答的选「不知道」（空白）。', count: '已答 {a} / {n} 题', willFlag: '将被标记',
      save: '保存并录入下一份', saved: '样本已保存', savedFlagged: '样本已保存，但被标记为：{flags}（不参与计算）',
    },
    answer: {
      dontKnow: '不知道', blank: '空白', low: '{min} = 非常不满意', high: '{max} = 非常满意',
      problems: { empty: '请至少回答一道题', range: '有分值不在量表范围内' },
    },
    public: {
      title: '服务质量满意度调查', login: '工作人员登录',
      about: '关于 {region} 的「{service}」',
      intro: '感谢您参加本次调查。请根据您的实际感受为每道题打分（{min} 分最低，{max} 分最高）；不了解的请选「不知道」。问卷匿名，约需 5 分钟。',
      count: '已答 {a} / {n} 题', submit: '提交问卷',
      privacy: '本调查由市场监督管理部门组织，仅用于服务质量监测统计，不收集您的姓名和联系方式。',
      thanks: '提交成功，感谢您的参与！', thanksHint: '您的意见将用于改进本地的服务质量。',
      used: '该链接已经提交过问卷', usedHint: '每个调查链接只能提交一次。感谢您的参与！',
      missing: '链接无效或调查已结束', missingHint: '请核对链接是否完整，或联系发放链接的工作人员。',
      failed: '问卷加载失败',
    },
  },
}
