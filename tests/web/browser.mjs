// browser.mjs: kfq's pages in a real browser (Debian's Chromium, driven
// by puppeteer-core; nothing is downloaded). Run by tests/cli/t0310-browser.sh
// against a kfq serve it started on the demo:
//   node browser.mjs BASE_URL [SCREENSHOT_DIR]
// Prints one line per check, "ok - what" or "FAIL - what", as the
// command-line tests do, and "first-paint PAGE MS" lines for the record.
import { harness } from './harness.mjs';

// the shared harness (harness.mjs): Chromium, a page that records its
// errors, signing in, going to a page and timing it, the ok/FAIL lines
const H = await harness(process.argv[2], process.argv[3] || '');
const { base, browser, open, signIn, go, text, ok, bad, expect, lap } = H;
// the dashboard's screenshot is of the whole page
const shot = (page, name) => H.shot(page, name, name === 'dashboard');

// Whether every chart on the page has drawn, and drawn something: its
// canvas has pixels of more than one colour.
async function chartsDrawn(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => c.dataset.drawn === '1'),
    { timeout: 60000 }).catch(() => {});
  return page.$$eval('.chart', (els) => els.map((el) => {
    const c = el.querySelector('canvas');
    if (!c || el.dataset.drawn !== '1') return { id: el.id, drawn: false };
    const g = c.getContext('2d');
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
    return { id: el.id, drawn: seen.size > 3 };
  }));
}

async function api(page, method, path, body) {
  return page.evaluate(async (m, p, b) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch('/api/v1' + p, { method: m, headers: { 'Content-Type': 'application/json',
      'X-CSRF-Token': me.csrf_token || '' }, body: b === null ? undefined : JSON.stringify(b) });
    return { status: r.status, json: await r.json().catch(() => null) };
  }, method, path, body === undefined ? null : body);
}

try {
  // ---- signing in ----
  lap('signing in');
  {
    const p = await open();
    await p.goto(base + '/', { waitUntil: 'domcontentloaded' });
    await p.waitForSelector('#login-name');
    const csp = await p.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'));
    expect(csp && csp.includes("script-src 'self'") && !/script-src[^;]*unsafe-inline/.test(csp),
      'the pages carry a Content-Security-Policy with no inline script', csp);
    expect(await p.$eval('label[for=login-name]', (e) => e.textContent) === '账户名', 'the sign-in form is in Chinese, its fields labelled');
    // by the keyboard alone: the name field has the focus, Tab, Enter
    await p.keyboard.type('boss');
    await p.keyboard.press('Tab');
    await p.keyboard.type('wrong-password-0');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('.login .errors').textContent.length > 0, { timeout: 30000 }).catch(() => {});
    const msg = await text(p, '.login .errors');
    expect(msg.length > 0 && !msg.includes('undefined'), 'a wrong password is refused with the server\'s message', msg);
    await shot(p, 'login');
    expect(p.errors.length === 0, 'the sign-in page logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- the leadership's dashboard ----
  lap('the leaderships dashboard');
  {
    const p = await open();
    await signIn(p, 'boss', 'leader-password-1', '#/dashboard');
    expect(await p.evaluate(() => location.hash) === '#/dashboard', 'signing in from a page\'s address leads to that page');
    const fcp = await p.evaluate(() => {
      const e = performance.getEntriesByName('first-contentful-paint')[0];
      return e ? Math.round(e.startTime) : -1;
    });
    console.log(`first-paint dashboard ${fcp}`);
    expect(fcp > 0, `the dashboard paints (first paint ${fcp} ms, printed for the record: timings belong to make bench-web)`);
    const cards = await p.$$eval('#dash-cards .card', (els) => els.map((e) => e.textContent));
    expect(cards.length === 6, 'the dashboard shows the six headline indicators', String(cards.length));
    expect(cards.some((c) => c.includes('工业应税销售') && c.includes('349.42') && c.includes('+10.3%')),
      'the dashboard shows the seed\'s 2017 taxable sales: 349.42 亿元, +10.3%', cards[0]);
    expect(cards.some((c) => c.includes('规模以上工业增加值') && c.includes('151.40')),
      'a figure keeps the decimals the server wrote (151.40, not 151.4)');
    const charts = await chartsDrawn(p);
    expect(charts.length === 7 && charts.every((c) => c.drawn), `every dashboard chart drew (${charts.length})`,
      JSON.stringify(charts));
    const rank = await text(p, '#rank-mine');
    expect(rank === '2 / 22', 'the dashboard shows the province ranking\'s place of the zone (2 / 22)', rank);
    const interval = await text(p, '#rank-interval');
    expect(interval === '名次区间 2', 'and its rank interval over the sensitivity analysis (2 to 2: 名次区间 2)', interval);
    const funnelWords = await p.$eval('#chart-funnel', (el) => {
      const c = window.echarts && window.echarts.getInstanceByDom(el);
      return c ? c.getOption().series[0].data.map((d) => d.name).join(' ') : '';
    }).catch(() => '');
    expect(funnelWords.startsWith('接洽 洽谈跟踪 签约'), 'the pipeline funnel names its stages in Chinese', funnelWords);
    const leads = await text(p, '#panel-leads');
    expect(leads.includes('50') && leads.includes('103.00') && leads.includes('2.10'),
      'the pipeline panel shows the landed projects, their investment and FDI against target', leads.slice(0, 80));
    const cases = await text(p, '#panel-cases');
    expect(cases.includes('2161') && cases.includes('96.8%'), 'the campaign panel shows problems raised and resolved', cases.slice(0, 80));
    expect(cases.includes('1312') && cases.includes('50360'), 'and the enterprises and households visited (1 312, 50 360)', cases.slice(0, 80));
    const menu = await p.$$eval('#nav a', (els) => els.map((e) => e.getAttribute('href')));
    expect(!menu.includes('#/form') && !menu.includes('#/imports') && !menu.includes('#/accounts'),
      'a leader\'s menu has no data entry, imports or accounts', menu.join(' '));
    const put = await api(p, 'PUT', '/forms/ent0001/2017-06', { values: [{ indicator: 'taxable_sales', value: '1', version: '*' }] });
    expect(put.status === 403, 'a leader\'s write from the page is refused (403)', String(put.status));
    await shot(p, 'dashboard');
    // every number links to its explanation
    await p.click('#dash-cards .card a');
    // the explanation's own element: the dashboard's page may still be the
    // one marked ready for a moment after the address changes
    await p.waitForFunction(() => location.hash.startsWith('#/explain') && document.querySelector('#explain-def')
      && document.querySelector('.page[data-ready="1"]'), { timeout: 60000 }).catch(() => {});
    const ex = await text(p, '#explain-def');
    expect(ex.includes('349.42') && ex.includes('taxable_sales'), 'a card links to its explanation: indicator, figure', ex.slice(0, 120));
    const parts = await p.$$eval('.page table tbody tr', (els) => els.length);
    expect(parts >= 6, `the explanation lists the parts it sums (${parts} parks)`);
    // English
    await p.click('#lang');
    await p.waitForFunction(() => document.querySelector('#nav a') && document.querySelector('#nav a').textContent === 'Dashboard', { timeout: 30000 }).catch(() => {});
    expect((await text(p, '#nav a')) === 'Dashboard', 'English can be switched on: the menu reads Dashboard');
    await p.click('#lang');
    expect(p.errors.length === 0, 'the dashboard logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- on a phone ----
  lap('on a phone');
  {
    const p = await open(390, 844);
    await signIn(p, 'boss', 'leader-password-1', '#/dashboard');
    const charts = await chartsDrawn(p);
    const wide = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(charts.every((c) => c.drawn) && wide <= 0, `on a phone (390 px) the dashboard draws and does not scroll sideways (${wide} px over)`);
    await shot(p, 'phone');
    await p.close2();
  }

  // ---- a clerk's monthly form; two clerks at once ----
  lap('a clerks monthly form; two clerks at once');
  {
    const a = await open(), b = await open();
    await signIn(a, 'clerk_et', 'clerk-password-1', '#/form?unit=ent0001&period=2017-06');
    await signIn(b, 'clerk_et2', 'clerk-password-9', '#/form?unit=ent0001&period=2017-06');
    const menu = await a.$$eval('#nav a', (els) => els.map((e) => e.getAttribute('href')));
    expect(menu.includes('#/form') && !menu.includes('#/accounts'), 'a clerk\'s menu has the monthly form and no accounts');
    const prior = await a.$eval('#f-taxable_sales', (e) => e.closest('tr').children[3].textContent);
    // ent0001 sold 0.0157 亿元 in 2016-06 (the demo); the values typed below
    // keep their meaning against it: 0.0900 is a jump (more than 3 × 0.0157
    // = 0.0471), 0.0150 is not
    expect(prior === '0.0157', 'the form shows last year\'s same month beside the field, exactly (0.0157)', prior);
    // not a number
    await a.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await a.type('#f-taxable_sales', '1,7x');
    expect((await text(a, '#f-taxable_sales-msg')) !== '', 'a value that is not a number is marked as it is typed');
    await a.click('#form-save');
    await a.waitForSelector('#form-errors li', { timeout: 15000 }).catch(() => {});
    expect((await text(a, '#form-errors')).length > 0, 'the form is not sent while a value is not a number');
    // a jump of more than 3 times last year's asks for a confirmation and a note
    await a.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await a.type('#f-taxable_sales', '0.0900');
    const hidden = await a.$eval('#f-taxable_sales-ok', (e) => e.closest('span').hidden);
    expect(!hidden, 'a value over 3 times last year\'s month asks for a confirmation');
    await a.click('#form-save');
    await a.waitForSelector('#form-errors li', { timeout: 15000 }).catch(() => {});
    expect((await text(a, '#form-errors')).length > 0, 'without the confirmation and a note the form is not sent');
    await a.click('#f-taxable_sales-ok');
    await a.type('#f-taxable_sales-note', '新生产线投产');
    await a.click('#form-save');
    await a.waitForFunction(() => document.getElementById('msg').className === 'ok', { timeout: 30000 }).catch(() => {});
    expect((await a.$eval('#msg', (e) => e.className)) === 'ok', 'the confirmed form is saved', await text(a, '#msg'));
    const hist = await api(a, 'GET', '/history?unit=ent0001&indicator=taxable_sales&period=2017-06');
    const last = hist.json && hist.json[0];
    expect(last && last.note === '新生产线投产' && last.new_value === '0.09' && last.who === 'clerk_et',
      'history keeps the new value, the clerk and the note', JSON.stringify(last));
    // the second clerk read the form before: saving is refused, both values
    // shown (typed in full-width digits, as a Chinese input method gives
    // them, which are the same number)
    await b.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await b.type('#f-taxable_sales', '０．０１５０');
    expect((await text(b, '#f-taxable_sales-msg')) === '', 'full-width digits are a number', await text(b, '#f-taxable_sales-msg'));
    await b.click('#form-save');
    await b.waitForSelector('#form-conflicts li', { timeout: 30000 }).catch(() => {});
    const conflict = await text(b, '#form-conflicts');
    expect(conflict.includes('0.015') && conflict.includes('0.09'), 'the second clerk is told, with both values, and nothing is overwritten', conflict);
    const now = await api(b, 'GET', '/observations/ent0001/taxable_sales/2017-06');
    expect(now.json && now.json.value === '0.09', 'the first clerk\'s value stands', JSON.stringify(now.json));
    await shot(b, 'form');
    // the year to date filed instead of the month (1-7月累计), for ent0002,
    // which files year-to-date totals
    await go(a, '#/form?unit=ent0002&period=2017-07&basis=ytd');
    expect((await text(a, 'h1')).includes('2017年1-7月'), 'the form can be filed as the year to date (2017年1-7月)', await text(a, 'h1'));
    // 1-6月 is 0.2871 亿元: a 1-7月 of 0.20 would make July negative, and
    // the demo's rules refuse it, naming the rule
    await a.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await a.type('#f-taxable_sales', '0.2000');
    await a.click('#form-save');
    await a.waitForFunction(() => document.getElementById('msg').className === 'error', { timeout: 30000 }).catch(() => {});
    const refused = await text(a, '#msg');
    // (July's value added then exceeds its negative sales too: either rule)
    expect(refused.includes('ytd_never_falls') || refused.includes('va_le_sales'),
      'a year to date below the month before is refused by a validation rule, named', refused);
    const before = await api(a, 'GET', '/figures/taxable_sales?unit=ent0002&period=2017-07');
    expect(before.json && before.json[0] && before.json[0].ytd === 0.34, 'and nothing was written', JSON.stringify(before.json));
    await a.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await a.type('#f-taxable_sales', '0.3500');
    await a.click('#form-save');
    await a.waitForFunction(() => document.getElementById('msg').className === 'ok', { timeout: 30000 }).catch(() => {});
    const ytd = await api(a, 'GET', '/figures/taxable_sales?unit=ent0002&period=2017-07');
    expect(ytd.json && ytd.json[0] && ytd.json[0].ytd === 0.35, 'a year-to-date total filed stands as the year to date', JSON.stringify(ytd.json));
    // ent0003 files month by month: a 1-7月 total that its months do not
    // add up to is refused, naming both (mixed filings)
    await go(a, '#/form?unit=ent0003&period=2017-07&basis=ytd');
    await a.$eval('#f-taxable_sales', (e) => { e.value = ''; });
    await a.type('#f-taxable_sales', '0.3500');
    await a.click('#form-save');
    await a.waitForFunction(() => document.getElementById('msg').className === 'error', { timeout: 30000 }).catch(() => {});
    const mixed = await text(a, '#msg');
    expect(mixed.includes('累计数与各月数必须一致') && mixed.includes('0.32'), 'a total its months do not add up to is refused, naming both', mixed);
    // another park's enterprise
    await go(a, '#/form?unit=ent0149&period=2017-06');
    expect((await text(a, '#msg')).length > 0 && (await a.$$('#monthly-form')).length === 0,
      'another park\'s enterprise gives no form', await text(a, '#msg'));
    expect(a.errors.length === 0 && b.errors.length === 0, 'the form logged no JavaScript error', [...a.errors, ...b.errors].join(' | '));
    await a.close2();
    await b.close2();
  }

  // ---- the statistician's upload with a dry run ----
  lap('the statisticians upload with a dry run');
  {
    const p = await open();
    await signIn(p, 'stat', 'stat-password-1', '#/imports');
    await p.select('#import-kind', 'data');
    const input = await p.$('#import-file');
    await input.uploadFile(process.env.BAD_CSV);
    await p.click('#import-dry');
    await p.waitForSelector('#import-errors li', { timeout: 30000 }).catch(() => {});
    const errs = await p.$$eval('#import-errors li', (els) => els.map((e) => e.textContent));
    expect(errs.length === 2 && errs[0].includes(':2:') && errs[1].includes(':4:'),
      'a file with bad rows lists every bad row, by file and line', errs.join(' | '));
    expect(await p.$eval('#import-go', (e) => e.disabled), 'a file that failed its dry run cannot be imported');
    await shot(p, 'imports');
    await input.uploadFile(process.env.GOOD_CSV);
    await p.click('#import-dry');
    await p.waitForFunction(() => !document.getElementById('import-go').disabled, { timeout: 30000 }).catch(() => {});
    expect(!(await p.$eval('#import-go', (e) => e.disabled)), 'a clean dry run lets the file be imported');
    await p.click('#import-go');
    await p.waitForFunction(() => document.getElementById('msg').className === 'ok', { timeout: 30000 }).catch(() => {});
    const done = await text(p, '#msg');
    expect(done.includes('已导入') && done.includes('2'), 'the import reports what it wrote', done);
    // a unit named <script> (uploaded as units) shows as text
    await p.select('#import-kind', 'units');
    await input.uploadFile(process.env.XSS_CSV);
    await p.click('#import-dry');
    await p.waitForFunction(() => !document.getElementById('import-go').disabled, { timeout: 30000 }).catch(() => {});
    await p.click('#import-go');
    await p.waitForFunction(() => document.getElementById('msg').className === 'ok', { timeout: 30000 }).catch(() => {});
    expect((await text(p, '#msg')).includes('xss.csv'), 'a units file is uploaded and imported too', await text(p, '#msg'));
    await go(p, '#/explain?indicator=taxable_sales&unit=eyewear_town&period=2017-06');
    await go(p, '#/bulletin?period=2017-06');
    const names = await p.$$eval('.page td', (els) => els.map((e) => e.textContent));
    const scripts = await p.$$eval('.page script', (els) => els.length);
    expect(names.some((n) => n.includes('<script>')) && scripts === 0,
      'a unit named <script>… shows as text and runs nothing');
    expect(p.errors.length === 0, 'the statistician\'s pages logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- the registers and the campaign ----
  lap('the registers and the campaign');
  {
    const p = await open();
    await signIn(p, 'office', 'office-password-1', '#/projects');
    const rows = await p.$$eval('.page tbody tr', (els) => els.length);
    expect(rows > 10, `the key-project register lists the projects (${rows})`);
    await p.type('.page input[type=search]', '眼镜');
    const kept = await p.$$eval('.page tbody tr', (els) => els.length);
    expect(kept > 0 && kept < rows, `the register filters as one types (${kept} of ${rows})`);
    await p.click('.page th button');
    await go(p, '#/cases');
    const n = await p.$$eval('.page tbody tr', (els) => els.length);
    expect(n > 0, `the campaign's problems are listed (${n} shown)`);
    await shot(p, 'cases');
    // a problem walked through its steps: only the allowed ones are buttons
    await go(p, '#/cases?status=assigned');
    const code = await p.$eval('.page tbody tr td a', (e) => e.textContent);
    await go(p, `#/cases?code=${code}`);
    const buttons = async () => p.$$eval('#case-steps button', (els) => els.map((e) => e.dataset.action));
    const step = async (action, note) => {
      await p.$eval('#step-note', (e, v) => { e.value = v; }, note || '');
      const before = await text(p, '#case-timeline');
      await p.click(`#case-steps button[data-action=${action}]`);
      await p.waitForFunction((b) => document.getElementById('case-timeline') &&
        document.getElementById('case-timeline').textContent !== b, { timeout: 30000 }, before).catch(() => {});
    };
    const first = await buttons();
    expect(first.includes('accept') && !first.includes('resolve') && !first.includes('confirm'),
      `an assigned problem offers accept, not resolve or confirm (${first.join(' ')})`);
    await step('accept');
    await step('progress', '已现场查看');
    await step('resolve', '已协调解决');
    const after = await buttons();
    expect(after.includes('confirm') && after.includes('reopen') && !after.includes('accept'),
      `a resolved problem offers confirm and reopen (${after.join(' ')})`);
    await p.select('#step-rating', '4');
    await step('confirm');
    const tl = await text(p, '#case-timeline');
    expect(tl.includes('accept') && tl.includes('已协调解决') && tl.includes('confirm') && tl.includes('office'),
      'the timeline shows each step with its note and the account that took it');
    expect((await buttons()).every((a) => a !== 'confirm'), 'a confirmed problem offers no confirm');
    await shot(p, 'case');
    // the list to chase
    await go(p, '#/cases?view=overdue');
    const chase = await p.$$eval('.page tbody tr', (els) => els.length);
    expect(chase > 0 && (await text(p, 'h1')).includes('督办'), `the office's list to chase, per department and per case (${chase} rows)`);
    expect(p.errors.length === 0, 'the registers logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- the statistician's units and indicators; the index office ----
  lap('units and the index');
  {
    const p = await open();
    await signIn(p, 'stat', 'stat-password-1', '#/units');
    const units = await p.$$eval('#units-table tbody tr', (els) => els.length);
    expect(units === 500, `the units page lists the subtree's units (the first ${units})`);
    await p.type('#units-filter', 'ent0001');
    const one = await p.$$eval('#units-table tbody tr', (els) => els.map((e) => e.textContent));
    expect(one.length === 1 && one[0].includes('镇江远诚眼镜有限公司'), 'a unit is found by its code', one.join(' | '));
    const inds = await p.$$eval('#indicators-table tbody tr', (els) => els.length);
    expect(inds > 30, `and the indicators (${inds})`);
    const q = await open();
    await signIn(q, 'ixo', 'index-password-1', '#/index');
    const charts = await chartsDrawn(q);
    expect(charts.length === 2 && charts.every((c) => c.drawn), 'the index page draws the series and the month\'s contributions');
    const tables = await q.$$eval('.page h2', (els) => els.map((e) => e.textContent));
    expect(tables.some((x) => x.includes('异常报价')), 'the index office sees the flagged quotes', tables.join(' | '));
    await shot(q, 'index');
    await q.click('#index-compute');
    await q.waitForFunction(() => document.getElementById('msg').className !== '', { timeout: 60000 }).catch(() => {});
    expect((await q.$eval('#msg', (e) => e.className)) === 'ok', 'the index office computes the index from the page', await text(q, '#msg'));
    expect(p.errors.length === 0 && q.errors.length === 0, 'the units and index pages logged no JavaScript error',
      [...p.errors, ...q.errors].join(' | '));
    await p.close2();
    await q.close2();
  }

  // ---- approval and publication (docs/quality.md) ----
  lap('approval and publication');
  {
    const p = await open();
    await signIn(p, 'stat', 'stat-password-1', '#/approval?unit=ent0343&period=2017-08');
    const state = async () => p.$$eval('.page table tbody tr td:nth-child(3)', (els) => els.map((e) => e.textContent));
    expect((await state())[0] === '填报', 'the approval page shows the month entered (填报)', (await state()).join(' '));
    expect((await text(p, '#approval-unpublished')).includes('尚未发布'), 'and not published');
    const stepAndWait = async (step, want) => {
      await p.click(`button[data-step="${step}"]`);
      await p.waitForFunction((w) => {
        const td = document.querySelector('.page table tbody tr td:nth-child(3)');
        return td && td.textContent === w && document.querySelector('.page').dataset.ready === '1';
      }, { timeout: 30000 }, want).catch(() => {});
      return (await state())[0];
    };
    expect(await stepAndWait('submit', '已提交') === '已提交', 'submitted from the page');
    expect(await stepAndWait('approve', '已审核') === '已审核', 'approved from the page');
    await p.click('#approval-publish');
    await p.waitForSelector('#approval-revisions li', { timeout: 30000 }).catch(() => {});
    const revs = await p.$$eval('#approval-revisions li', (els) => els.map((e) => e.textContent));
    expect(revs.length === 1 && revs[0].includes('第 1 版') && revs[0].includes('stat'), 'published: revision 1 is listed', revs.join(' | '));
    await p.click('.page table thead th:nth-child(2) button');
    const sorted = await p.$eval('.page table thead th:nth-child(2)', (e) => e.getAttribute('aria-sort'));
    expect(sorted === 'ascending', `a sorted column says so to a screen reader (aria-sort="${sorted}")`);
    await shot(p, 'approval');
    expect(p.errors.length === 0, 'the approval page logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- the administrator ----
  lap('the administrator');
  {
    const p = await open();
    await signIn(p, 'admin', 'admin-password-1', '#/accounts');
    const names = await p.$$eval('.page table:first-of-type tbody tr td:first-child', (els) => els.map((e) => e.textContent));
    expect(names.includes('clerk_et') && names.includes('boss'), 'the administrator sees the accounts', names.join(' '));
    await p.type('#user-name', 'newclerk');
    await p.type('#user-password', 'new-clerk-password-1');
    await p.$eval('#user-unit', (e) => { e.value = 'eyewear_town'; });
    await p.type('#user-roles', 'clerk');
    await p.click('#user-add button[type=submit]');
    await p.waitForFunction(() => document.getElementById('msg').className === 'ok', { timeout: 30000 }).catch(() => {});
    expect((await text(p, '#msg')).includes('newclerk'), 'an account is added from the page', await text(p, '#msg'));
    // its roles and unit changed in its row
    await p.waitForSelector('button.user-edit[data-name=newclerk]', { timeout: 30000 });
    await p.click('button.user-edit[data-name=newclerk]');
    await p.$eval('.user-edit-roles', (e) => { e.value = 'leader'; });
    await p.$eval('.user-edit-unit', (e) => { e.value = 'japan_park'; });
    await p.click('.user-edit-save');
    await p.waitForFunction(() => document.getElementById('msg').className === 'ok'
      && !document.querySelector('.user-edit-roles'), { timeout: 30000 }).catch(() => {});
    const changed = await api(p, 'GET', '/users');
    const d = changed.json || {};
    const nc = (Array.isArray(d) ? d : (d.items || d.data || [])).find((u) => u.name === 'newclerk') || {};
    expect(String(nc.roles).includes('leader') && nc.unit === 'japan_park',
      'its roles and unit are changed from its row (leader of japan_park)', JSON.stringify(nc));
    await p.click('button.user-edit[data-name=newclerk]');
    await p.$eval('.user-edit-roles', (e) => { e.value = 'wizard'; });
    await p.click('.user-edit-save');
    await p.waitForFunction(() => document.getElementById('msg').className === 'error', { timeout: 30000 }).catch(() => {});
    expect((await text(p, '#msg')).includes('wizard'), 'an unknown role is refused in the server\'s words', await text(p, '#msg'));
    const heads = await p.$$eval('.page table:last-of-type thead th', (els) => els.map((e) => e.textContent));
    expect(heads.includes('时间') && heads.includes('事件') && !heads.includes('event'), 'the audit log is headed in Chinese', heads.join(' '));
    // a session that ends (signed out elsewhere): sign in again, and back to the page
    await api(p, 'POST', '/logout');
    await p.evaluate(() => { location.hash = '#/accounts?again=1'; });
    await p.waitForSelector('#login-name', { timeout: 30000 }).catch(() => {});
    expect((await p.$$('#login-name')).length === 1, 'when the session has ended the page asks to sign in again');
    await p.type('#login-name', 'admin');
    await p.type('#login-password', 'admin-password-1');
    await p.click('#login-submit');
    await p.waitForSelector('.page[data-page=accounts][data-ready="1"]', { timeout: 30000 }).catch(() => {});
    expect(await p.evaluate(() => location.hash) === '#/accounts?again=1' && (await p.$$('#user-add')).length === 1,
      'and comes back to the page it was on');
    expect(p.errors.length === 0, 'the accounts page logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }
} catch (e) {
  bad(`the browser test stopped: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e}`);
} finally {
  await browser.close();
}
process.exit(H.failed ? 1 : 0);
