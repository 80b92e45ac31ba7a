// registers.js: the key-project register (GET /api/v1/projects) and the
// investment-promotion leads (/leads) as sortable, filterable tables.
import { api } from '../api.js';
import { h, put, hashQuery, link, table } from '../dom.js';
import { t } from '../i18n.js';

function page(title, path, cols, params) {
  return {
    async render(view) {
      const q = hashQuery();
      const p = new URLSearchParams();
      for (const k of params) if (q.get(k)) p.set(k, q.get(k));
      const { data } = await api(`${path}${p.toString() ? '?' + p : ''}`);
      const filter = h('input', { type: 'search', id: `${path.slice(1)}-filter`, 'aria-label': t('筛选'), placeholder: t('筛选') });
      const count = h('span');
      put(view, h('h1', {}, t(title)),
        h('div', { class: 'bar' }, filter, h('span', { class: 'mute' }, count, ' ', t('条'))),
        table(data, cols(), { filter, count }));
    },
  };
}

export const projects = page('重点项目', '/projects', () => [
  { key: 'code', label: t('编号') },
  { key: 'name', label: t('名称') },
  { key: 'park', label: t('园区') },
  { key: 'category', label: t('类别') },
  { key: 'status', label: t('状态') },
  { key: 'planned_start', label: t('计划开工') },
  { key: 'actual_start', label: t('实际开工') },
  { key: 'total_investment', label: t('总投资(亿元)'), num: true },
  { key: 'ytd_investment', label: t('投资完成'), num: true },
], ['status', 'park', 'late', 'date']);

export const leads = page('招商项目', '/leads', () => [
  { key: 'code', label: t('编号') },
  { key: 'name', label: t('名称') },
  { key: 'investor', label: t('投资方') },
  { key: 'origin', label: t('来源地') },
  { key: 'industry', label: t('产业') },
  { key: 'park', label: t('园区') },
  { key: 'stage', label: t('阶段') },
  { key: 'stage_date', label: t('时间') },
  { key: 'total_investment', label: t('总投资(亿元)'), num: true },
], ['stage', 'park', 'date']);
