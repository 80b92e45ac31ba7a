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
  '得分': 'score', '修改了': 'changed', '谁': 'who', '原值': 'before', '新值': 'after',
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
