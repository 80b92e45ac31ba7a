// offices.mjs: the offices' pages in a real browser (docs/web.md "Pages"),
// run by tests/cli/t0312-browser-offices.sh against a kfq serve it started
// on a copy of the demo with make demo's accounts (scripts/demo-accounts):
//   node offices.mjs BASE_URL [SCREENSHOT_DIR]
// 金融活水 (finance) for the leadership, 台账 (ledgers) and 问题数据
// (findings) for the statistician, a key project's and a lead's detail
// reached from the registers, a phone's width, English, HTML escaped.
// Prints "ok - …" / "FAIL - …" lines and "page-ready PAGE MS" for the
// record (docs/benchmarks.md).
import { harness } from './harness.mjs';

const H = await harness(process.argv[2], process.argv[3] || '');
const { open, signIn, go, mark, settled, follow, text, count, shot, expect, overflow } = H;
const PW = 'kfq-demo-2017';
const D = '2017-12-31';

try {
  // ---- 金融活水: the leadership ----
  H.lap('finance');
  {
    const p = await open();
    await signIn(p, 'leader', PW, `#/finance?date=${D}`);
    const menu = await p.$$eval('#nav a', (els) => els.map((e) => e.getAttribute('href')));
    expect(menu.includes('#/finance') && menu.includes('#/ledgers') && menu.includes('#/findings'),
      'a top-level leader\'s menu has 金融活水, 台账 and 问题数据', menu.join(' '));
    const capital = await text(p, '#fund-capital-rcf');
    expect(capital.includes('基金规模') && capital.includes('1000') && capital.includes('万元'),
      'the fund\'s capital: 1000 万元', capital);
    const balance = await text(p, '#fund-balance-rcf');
    expect(balance.includes('978.66666'), 'its balance after what it paid and recovered (978.66666 万元)', balance);
    const lever = await text(p, '#fund-leverage-rcf');
    expect(lever.includes('48.0%'), 'the leverage used against the limit (48.0%)', lever);
    const width = await p.$eval('#fund-leverage-rcf .meter span', (e) => e.style.width);
    expect(width === '48%', `and drawn as a bar (${width})`);
    const loans = await count(p, '#finance-loans tbody tr');
    expect(loans === 30, `the fund's 30 loans are listed (${loans})`);
    await p.select('#loans-status', 'defaulted');
    const bad = await p.$$eval('#finance-loans tbody tr', (els) => els.map((e) => e.textContent));
    expect(bad.length === 1 && bad[0].includes('代偿'), 'filtered by their state: the one defaulted loan', bad.join(' | '));
    await p.select('#loans-status', '');
    await p.type('#loans-filter', 'ent01');
    const kept = await count(p, '#finance-loans tbody tr');
    expect(kept > 0 && kept < 30, `filtered by any text as one types (${kept} of 30)`);
    await p.click('#finance-loans th:nth-child(6) button');
    const amounts = await p.$$eval('#finance-loans tbody td:nth-child(6)', (els) => els.map((e) => Number(e.textContent)));
    expect(amounts.length > 1 && amounts.every((v, i) => i === 0 || amounts[i - 1] <= v), 'sorted by the amount with a click');
    const warn = await p.$$eval('#finance-warn tbody tr', (els) => els.map((e) => e.textContent));
    expect(warn.length === 2 && warn[0].includes('ent0103') && warn[0].includes('过桥资金'),
      'the early-warning list (压贷抽贷预警): two firms, what was done for ent0103', warn.join(' | ').slice(0, 120));
    await p.click('#finance-warn button[data-firm=ent0103]');
    await p.waitForSelector('#finance-exposure tbody tr', { timeout: 30000 }).catch(() => {});
    const exp = await p.$$eval('#finance-exposure tbody tr', (els) => els.map((e) => e.textContent));
    expect(exp.length >= 4 && exp.some((r) => r.includes('ent0101') && r.includes('担保圈内')),
      `a click on a firm shows its guarantee exposure (${exp.length} firms, ent0101 in the circle)`, exp.join(' | ').slice(0, 120));
    const meetings = await p.$$eval('#finance-meetings tbody tr', (els) => els.map((e) => e.textContent));
    expect(meetings.length === 8 && meetings.some((m) => m.includes('金融机构走进开发区')),
      `the bank-enterprise meetings of the year (${meetings.length})`);
    const banks = await p.$$eval('#finance-by-bank tbody tr', (els) => els.map((e) => e.textContent));
    expect(banks.some((b) => b.includes('农业银行') && b.includes('2775')), 'the financing matched and granted per bank (农业银行: 2775 万元 granted)', banks.join(' | ').slice(0, 100));
    expect((await count(p, '#finance-by-park tbody tr')) > 3, 'and per park');
    await shot(p, 'finance', true);
    await p.click('#lang');
    await p.waitForFunction(() => document.querySelector('.page[data-ready="1"] h1') &&
      document.querySelector('.page h1').textContent === 'Finance', { timeout: 30000 }).catch(() => {});
    expect((await text(p, '.page h1')) === 'Finance' && (await text(p, '#fund-capital-rcf')).includes('Fund capital'),
      'in English by the button at the top', await text(p, '.page h1'));
    await p.click('#lang');
    expect(p.errors.length === 0, 'the finance page logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- on a phone ----
  H.lap('a phone');
  {
    const p = await open(390, 844);
    await signIn(p, 'leader', PW, `#/finance?date=${D}`);
    const over = await overflow(p);
    expect((await text(p, '#fund-capital-rcf')).includes('1000') && over <= 0,
      `on a phone (390 px) the finance page draws and does not scroll sideways (${over} px over)`);
    await shot(p, 'finance-phone');
    await go(p, '#/ledgers?name=tenants&period=2017');
    const over2 = await overflow(p);
    expect((await count(p, '#ledger-rows tbody tr')) > 0 && over2 <= 0, `and so does a ledger (${over2} px over)`);
    await go(p, '#/findings');
    expect((await overflow(p)) <= 0, 'and the findings');
    expect(p.errors.length === 0, 'the phone\'s pages logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- 台账 and 问题数据: the statistician ----
  H.lap('ledgers and findings');
  {
    const p = await open();
    await signIn(p, 'stat', PW, '#/ledgers');
    const list = await p.$$eval('#ledgers-list tbody tr', (els) => els.map((e) => e.textContent));
    expect(list.length === 14 && list.some((r) => r.includes('园区入驻企业台账') && r.includes('42')),
      `the ledgers are listed (${list.length}), tenants with its 42 rows`, list.join(' | ').slice(0, 160));
    await follow(p, '#ledgers-list a[href*="name=tenants"]', '#/ledgers?name=tenants', '#/ledgers?name=tenants (a click)');
    const rows = await count(p, '#ledger-rows tbody tr');
    expect(rows === 42, `a click shows the ledger's rows (${rows})`);
    const heads = await p.$$eval('#ledger-rows th', (els) => els.map((e) => e.textContent));
    expect(heads.includes('企业名称') && heads.includes('入驻日期'), 'headed by the fields\' titles', heads.join(' '));
    const xss = await p.$$eval('#ledger-rows td', (els) => els.map((e) => e.textContent).filter((x) => x.includes('<script>')));
    const scripts = await count(p, '.page script');
    expect(xss.length === 1 && scripts === 0, 'a row naming <script>… shows it as text and runs nothing', xss.join(' '));
    // filters: a period and a field's value
    await p.$eval('#ledger-period', (e) => { e.value = '2017'; });
    await p.select('#ledger-f-origin', '日资');
    const t1 = Date.now();
    await mark(p);
    await p.click('#ledger-apply');
    await settled(p, '#/ledgers?name=tenants&period=2017&where=');
    console.log(`page-ready #/ledgers (filtered) ${Date.now() - t1}`);
    const jp = await p.$$eval('#ledger-rows tbody tr', (els) => els.map((e) => e.textContent));
    const want = await p.evaluate(async () => (await (await fetch('/api/v1/ledgers/tenants/rows?period=2017&where=origin%3D%E6%97%A5%E8%B5%84')).json()).length);
    expect(jp.length === want && jp.length > 0 && jp.every((r) => r.includes('日资') && r.includes('2017-')),
      `filtered by the period and a field's value: the Japanese-funded tenants of 2017 (${jp.length})`);
    await p.waitForSelector('#ledger-figures .card', { timeout: 30000 }).catch(() => {});
    const figs = await p.$$eval('#ledger-figures .card', (els) => els.map((e) => e.textContent));
    expect(figs.length === 4 && figs.some((f) => f.includes('园区在驻企业')), `the figures it publishes (${figs.length})`, figs.join(' | ').slice(0, 160));
    const jpFig = await text(p, '#ledger-figures .card[data-figure=jp_new_ent] .value a');
    expect(jpFig === String(jp.length), `the Japanese park's new Japanese-funded enterprises in 2017 are those rows (${jpFig})`);
    await shot(p, 'ledgers');
    await follow(p, '#ledger-figures .card[data-figure=park_tenants] .value a', '#/explain', '#/explain (a ledger figure)');
    const ex = await text(p, '#explain-def');
    expect(ex.includes('park_tenants'), 'a figure links to its explanation', ex.slice(0, 100));

    await go(p, '#/findings');
    const open4 = await p.$$eval('#findings-list tbody tr', (els) => els.map((e) => e.textContent));
    expect(open4.length === 4 && open4.every((r) => r.includes('ent0003') && r.includes('待处理')),
      `the open findings of the rules: ent0003's hundredfold jump (${open4.length})`, open4.join(' | ').slice(0, 160));
    await mark(p);
    await p.select('#findings-rule', 'sales_outlier');
    await settled(p, '#/findings?rule=sales_outlier');
    const one = await p.$$eval('#findings-list tbody tr', (els) => els.map((e) => e.textContent));
    expect(one.length === 1 && one[0].includes('sales_outlier'), 'filtered by rule', one.join(' | '));
    await mark(p);
    await p.select('#findings-severity', 'error');
    await settled(p, '#/findings?rule=sales_outlier&severity=error');
    expect((await count(p, '#findings-list tbody tr')) === 0, 'and by severity: no error among them');
    await go(p, '#/findings?status=all&severity=warning');
    expect((await count(p, '#findings-list tbody tr')) === 4, 'open and closed, warnings: the four');
    await go(p, '#/findings?status=closed');
    expect((await text(p, '#findings-list')).includes('没有数据'), 'none closed yet');
    await go(p, '#/findings');
    await follow(p, '#findings-list tbody tr a', '#/findings?id=', '#/findings?id= (a click)');
    const why = await p.$$eval('#finding-explain tbody tr', (els) => els.map((e) => e.textContent));
    expect(why.length > 4 && why.some((r) => r.includes('规则')) && (await text(p, '#finding-attributes')).includes('ent0003'),
      `a click shows the finding and why: its rule and every value its check read (${why.length} lines)`);
    await shot(p, 'findings');
    expect(p.errors.length === 0, 'the ledgers and findings pages logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- a park's clerk: its own park's ---
  H.lap('a parks clerk');
  {
    const p = await open();
    await signIn(p, 'clerk', PW, '#/findings');
    const menu = await p.$$eval('#nav a', (els) => els.map((e) => e.getAttribute('href')));
    expect(!menu.includes('#/finance') && menu.includes('#/findings'), 'a park\'s clerk has no 金融活水 (the zone\'s), but 问题数据', menu.join(' '));
    expect((await count(p, '#findings-list tbody tr')) === 4, 'the eyewear town\'s clerk sees its enterprise\'s findings');
    await go(p, '#/ledgers?name=innovation');
    const own = await p.$$eval('#ledger-rows tbody tr', (els) => els.map((e) => e.textContent));
    const all = await p.evaluate(async () => (await (await fetch('/api/v1/ledgers')).json()).find((l) => l.name === 'innovation').rows);
    expect(own.length === 39 && own.length < all, `and of a ledger only its own park's rows (${own.length} of ${all})`);
    expect(p.errors.length === 0, 'the clerk\'s pages logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }

  // ---- the statistician confirms a finding; a clerk may not ----
  H.lap('a finding confirmed');
  {
    const p = await open();
    await signIn(p, 'stat', PW, '#/findings');
    const first = await p.$eval('#findings-list tbody tr a', (a) => a.textContent);
    await go(p, `#/findings?id=${first}`);
    await p.click('#finding-close-button');
    await p.waitForFunction(() => document.querySelector('#finding-close-msg')
      && document.querySelector('#finding-close-msg').textContent !== '', { timeout: 20000 }).catch(() => {});
    expect((await text(p, '#finding-close-msg')).length > 0, 'closing without a reason is refused, in the server\'s words',
      await text(p, '#finding-close-msg'));
    await p.type('#finding-note', '企业核实：本月确有大额订单');
    await p.click('#finding-close-button');
    await p.waitForFunction(() => {
      const a = document.querySelector('#finding-attributes');
      return !document.querySelector('#finding-close') && a !== null && a.textContent.includes('已关闭');
    }, { timeout: 20000 }).catch(() => {});
    const attrs = await text(p, '#finding-attributes');
    expect(attrs.includes('已关闭') && attrs.includes('企业核实：本月确有大额订单'),
      'the finding is closed with its reason, and the button is gone', attrs.slice(0, 200));
    const open3 = await p.evaluate(async () => {
      const j = await (await fetch('/api/v1/findings')).json();
      return Array.isArray(j) ? j.length : j.data.length;
    });
    expect(open3 === 3, `three findings stay open (${open3})`);
    expect(p.errors.length === 0, 'confirming logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
    const c = await open();
    await signIn(c, 'clerk', PW, '#/findings');
    const cid = await c.$eval('#findings-list tbody tr a', (a) => a.textContent);
    await go(c, `#/findings?id=${cid}`);
    expect((await c.$('#finding-close')) === null, 'a clerk is not offered to confirm');
    // through the page's own API module (its CSRF token): refused for the right, not the token
    const st = await c.evaluate(async (id) => {
      const m = await import('/js/api.js');
      try { await m.api(`/findings/${id}/close`, { method: 'POST', body: { note: 'x' } }); return 200; }
      catch (e) { return `${e.status} ${e.message}`; }
    }, cid);
    expect(String(st).startsWith('403') && String(st).includes('publish'), `nor may it by the API (${st})`);
    await c.close2();
  }

  // ---- a key project and a lead in full ----
  H.lap('registers');
  {
    const p = await open();
    await signIn(p, 'projects', PW, '#/projects');
    await p.type('#projects-filter', 'xm01');
    await follow(p, '.page tbody tr td a[href*="code=xm01"]', '#/projects?code=xm01', '#/projects?code= (a click)');
    const attrs = await text(p, '#projects-attributes');
    expect(attrs.includes('年产500万副光学镜片项目') && attrs.includes('眼镜小镇') && attrs.includes('3.80') && attrs.includes('2017-03-23'),
      'a click on a project\'s row shows it in full: name, park, investment, start', attrs.slice(0, 120));
    const n = await count(p, '#projects-attributes dt');
    expect(n === 17, `every attribute of kfq project show (${n})`);
    const plan = await text(p, '#projects-plans tbody tr');
    expect(plan.includes('2017') && plan.includes('1.42') && plan.includes('108.7'), 'its annual plan: 1.42 亿元 invested, 108.7%', plan);
    const months = await count(p, '#projects-progress tbody tr');
    expect(months === 12, `its progress month by month (${months})`);
    expect((await text(p, '#projects-attributes')).includes('在建'), 'its status in Chinese (在建)');
    await shot(p, 'project');
    await go(p, '#/projects?code=nosuch');
    expect((await text(p, '#msg')).includes('nosuch'), 'an unknown project is named', await text(p, '#msg'));
    const q = await open();
    await signIn(q, 'promotion', PW, '#/leads');
    await q.type('#leads-filter', 'zs15004');
    await follow(q, '.page tbody tr td a[href*="code=zs15004"]', '#/leads?code=zs15004', '#/leads?code= (a click)');
    const lead = await text(q, '#leads-attributes');
    expect(lead.includes('新锐眼镜模具加工项目') && lead.includes('ent0135'), 'a lead in full, with the enterprise it became', lead.slice(0, 120));
    const stages = await q.$$eval('#leads-stages tbody tr', (els) => els.map((e) => e.textContent));
    expect(stages.length === 4 && stages[3].includes('注册落户') && stages[3].includes('71'),
      'the stages it went through, with the days in the one before', stages.join(' | '));
    await shot(q, 'lead');
    expect(p.errors.length === 0 && q.errors.length === 0, 'the detail pages logged no JavaScript error', [...p.errors, ...q.errors].join(' | '));
    await p.close2();
    await q.close2();
  }
} catch (e) {
  H.bad(`the browser test stopped: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e}`);
} finally {
  await H.browser.close();
}
process.exit(H.failed ? 1 : 0);
