// i18n.js: the pages' words, Chinese first, English on request (the
// choice is kept in the browser). The figures' names and the server's
// messages come from the API in the same language (Accept-Language).

const EN = {
  '开发区经济运行监测': 'Development zone monitor',
  '一张图': 'Dashboard', '月报填报': 'Monthly form', '数据导入': 'Imports',
  '简报': 'Bulletin', '历史': 'History', '重点项目': 'Key projects', '招商项目': 'Leads',
  '走访问题': 'Problems', '眼镜指数': 'Eyewear index', '账户': 'Accounts', '审计日志': 'Audit log',
  '登录': 'Sign in', '退出': 'Sign out', '账户名': 'Account', '密码': 'Password',
  '期间': 'Period', '单位': 'Unit', '指标': 'Indicator', '全年': 'whole year',
  '累计': 'year to date', '增长': 'growth', '目标完成': 'target completion', '序时进度': 'time progress',
  '目标': 'target', '同期': 'same period last year', '本月': 'this month', '去年同月': 'same month last year',
  '主要指标完成情况': 'Headline indicators against target', '月度走势': 'Monthly trend',
  '各园区对比': 'Parks compared', '今年': 'this year', '去年': 'last year',
  '落后项目': 'Lagging projects', '开工率': 'start rate', '投资完成': 'investment', '计划': 'plan',
  '说明': 'Explanation', '公式': 'formula', '下级单位': 'children', '值': 'value', '口径': 'measure', '已报/应报': 'reported/expected', '部分单位未报：增长和完成暂不计算': 'not every unit has reported: growth and completion withheld',
  '保存': 'Save', '已保存': 'Saved', '企业': 'Enterprise', '检查': 'Check', '导入': 'Import',
  '类型': 'Kind', '文件': 'File', '预检（不写入）': 'Dry run (writes nothing)',
  '预检通过，可以导入': 'The dry run passed: the file can be imported',
  '已导入': 'Imported', '行': 'rows', '新增': 'added', '修改': 'changed', '未变': 'unchanged',
  '筛选': 'Filter', '条': 'rows', '状态': 'Status', '部门': 'Department', '逾期': 'overdue',
  '全部': 'all', '仅逾期': 'overdue only', '上一页': 'Previous', '下一页': 'Next',
  '不是数字': 'not a number', '不能为负': 'cannot be negative',
  '比去年同月大 %s 倍以上，请确认': 'more than %s times the same month last year: confirm it',
  '我已核实此数': 'I have checked this figure', '有人在你之后修改了这些数：': 'Someone changed these values after you read them:',
  '你填的': 'yours', '现在的': 'now stored', '重新读取': 'Reload',
  '没有权限': 'not allowed', '加载中': 'Loading', '名称': 'Name', '园区': 'Park',
  '总投资(亿元)': 'Total investment (亿元)', '计划开工': 'planned start', '实际开工': 'started',
  '阶段': 'Stage', '投资方': 'Investor', '来源地': 'Origin', '产业': 'Industry',
  '编号': 'Code', '提出日期': 'Raised', '类别': 'Category', '时限': 'Deadline',
  '逾期天数': 'Days overdue', '户': 'Household', '角色': 'Roles', '停用': 'Disabled',
  '添加账户': 'Add an account', '时间': 'Time', '事件': 'Event', '地址': 'Address',
  '指数': 'Index', '环比': 'month on month', '同比': 'year on year', '已发布': 'published',
  '招商漏斗': 'Investment pipeline', '问题办理': 'Campaign problems', '全省排名': 'Province ranking',
  '数据来源': 'Records', '修订': 'revision', '记录': 'records', '说明页': 'explanation',
  '选择企业': 'Choose an enterprise', '填报期间': 'Month', '没有数据': 'no data',
  '评价': 'rating', '走访企业': 'enterprises visited', '走访群众': 'households visited', '督办': 'To chase', '各部门': 'By department', '问题': 'Cases', '去年同期': 'same period last year', '单位与指标': 'Units and indicators', '上级': 'Parent', '用地(亩)': 'Land (mu)',
  '审核发布': 'Approval', '月份': 'Month', '名称': 'Name', '经办人': 'By', '待办': 'Blocked by', '操作': 'Steps',
  '提交': 'Submit', '审核': 'Approve', '核定': 'Certify', '退回重报': 'Reopen', '填报': 'entered', '已提交': 'submitted',
  '已审核': 'approved', '已核定': 'certified', '发布与修订': 'Publication and revisions', '尚未发布': 'not published yet',
  '第': 'revision', '版': '', '原版': 'from', '原值': 'old', '新版': 'to', '新值': 'new', '原因': 'reason', '数': 'figure',
  '原因（退回、再次发布时必填）': 'reason (required to reopen or publish again)',
  '汇总': 'Roll-up', '小数位': 'Decimals', '主要指标': 'Headline', '已计算': 'Computed', '计算': 'Compute', '发布': 'Publish', '拉动': 'Contributions',
  '景气指数': 'Prosperity', '调查': 'Survey', '异常报价': 'Flagged quotes', '落地': 'landed', '在谈在签': 'negotiating or signed', '外资到账': 'FDI arrived',
  '收集问题': 'raised', '解决': 'resolved', '按期': 'on time', '名次': 'rank', '较上年': 'on last year',
  '名次区间': 'rank interval (5-95%)',
  '角色与单位': 'Roles and unit', '操作': 'Action', '操作人': 'By',
  '确认数值': 'Confirm the value', '确认并关闭': 'Confirm and close', '确认理由': 'why the value stands',
  '确认理由：为什么这个数值是对的': 'why the value stands (required)',
  '得分': 'score', '修改了': 'changed', '谁': 'who', '原值': 'before', '新值': 'after',
  // the offices' pages (finance.js, ledgers.js, findings.js, registers.js)
  '金融活水': 'Finance', '台账': 'Ledgers', '问题数据': 'Findings',
  '基金规模': 'Fund capital', '基金余额': 'Fund balance', '在贷余额': 'Loans outstanding',
  '放大倍数上限': 'Leverage limit', '可用额度': 'Headroom', '放大倍数已用': 'Leverage used',
  '万元': '10k yuan', '资金变动': 'Movements', '累计放款': 'Loans granted', '笔': 'loans',
  '代偿': 'Compensated defaults', '不良率': 'default rate', '基金承担': 'Paid by the fund',
  '银行承担': 'Paid by the bank', '保险承担': 'Paid by the insurer', '追偿收回': 'Recovered',
  '日期': 'Date', '今天': 'today', '贷款': 'Loans', '银行': 'Bank', '产品': 'Product',
  '金额(万元)': 'Amount (10k yuan)', '放款日': 'Granted', '到期日': 'Due', '还款日': 'Repaid',
  '代偿(万元)': 'Default (10k yuan)', '在贷': 'outstanding', '已还': 'repaid', '未发放': 'not yet granted',
  '压贷抽贷预警': 'Loan pressure warnings', '压贷(万元)': 'Cut (10k yuan)', '抽贷(万元)': 'Called (10k yuan)',
  '担保圈': 'In a circle', '担保方': 'Guarantors', '波及': 'Exposed', '帮扶措施': 'Interventions',
  '已化解': 'Helped', '点击企业查看担保链风险敞口': 'Click a firm to see its exposure in the guarantee network',
  '风险敞口': 'Exposure', '关系': 'Relation', '上游担保': 'Links up', '下游担保': 'Links down',
  '是': 'yes', '否': 'no', '担保圈内': 'in the circle', '担保企业': 'guarantor', '被担保方': 'guaranteed',
  '银企对接会': 'Bank–enterprise meetings', '参会银行': 'Banks', '需求数': 'Needs',
  '需求(万元)': 'Needed (10k yuan)', '对接(万元)': 'Matched (10k yuan)', '到位(万元)': 'Granted (10k yuan)',
  '按银行': 'By bank', '按园区': 'By park', '银行或基金': 'Bank or fund', '对接会': 'Meetings',
  '字段': 'Fields', '发布的指标': 'Figures it publishes', '计数': 'count', '合计': 'sum', '比率': 'ratio',
  '期末': 'at the period\'s end',
  '待处理': 'open', '已关闭': 'closed', '级别': 'Severity', '规则': 'Rule', '错误': 'error', '警告': 'warning',
  '为什么': 'Why', '部分': 'Part', '项目': 'Item',
  '发现时间': 'Opened', '发现人': 'Opened by', '关闭时间': 'Closed', '关闭人': 'Closed by',
  '关闭方式': 'How closed', '备注': 'Note', '导入批次': 'Import',
  '园区名称': 'Park name', '业主单位': 'Owner', '行业': 'Industry', '重点级别': 'Key level',
  '计划竣工': 'planned end', '实际竣工': 'ended', '投产日期': 'In production', '节点': 'Milestones',
  '外资(万美元)': 'Foreign investment (10k USD)', '负责人': 'Officer', '信息来源': 'Source',
  '落户企业': 'Enterprise', '名称': 'Name',
  '储备': 'reserve', '审批': 'approved', '在建': 'under construction', '竣工': 'completed', '投产': 'in production',
  '停缓建': 'suspended', '接洽': 'contact', '洽谈跟踪': 'negotiation', '签约': 'signed', '注册落户': 'landed',
  '开工': 'started', '终止': 'dropped', '年度计划': 'Annual plans', '进度': 'Progress', '年度': 'Year',
  '计划投资(亿元)': 'Plan (亿元)', '累计完成(亿元)': 'Invested to date (亿元)', '截至': 'through', '完成(%)': 'done (%)',
  '完成投资(亿元)': 'Invested (亿元)', '形象进度(%)': 'Physical progress (%)', '责任部门': 'Department',
  '办结时限': 'Deadline', '项目问题': 'Problems', '变更记录': 'Changes', '上一阶段天数': 'Days in the stage before',
  // the targets page (targets.js)
  '目标管理': 'Targets', '本单位': 'own', '下级合计': 'sum of children', '修改目标': 'Change',
  '理由（必填）': 'reason (required)', '请填写理由': 'give the reason',
  '有人在你读取之后修改了此目标：': 'Someone changed this target after you read it: ',
  '取消': 'Cancel', '计量单位': 'Measure', '序时进度(%)': 'time progress (%)',
  '目标来源：本单位的目标，没有时为下级单位目标之和；序时进度 = 完成 ÷ 已过月份占全年的比例，100 为按进度。':
    'A target is the unit\'s own, else the sum of its children\'s; time progress = completion ÷ the share of the year elapsed, 100 on schedule.',
};

let current = localStorage.getItem('kfq.lang') === 'en' ? 'en' : 'zh';

export function lang() { return current; }
export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  localStorage.setItem('kfq.lang', current);
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

// The words in the chosen language; %s replaced by the arguments.
export function t(zh, ...args) {
  let s = current === 'en' && EN[zh] ? EN[zh] : zh;
  for (const a of args) s = s.replace('%s', a);
  return s;
}
