// targets.mjs: the statistician's targets page (目标管理, docs/web.md
// "Pages") in a real browser, run by tests/cli/t0314-browser-targets.sh
// against a kfq serve it started on a copy of the demo with make demo's
// accounts (scripts/demo-accounts):
//   node targets.mjs BASE_URL [SCREENSHOT_DIR]
// The zone's targets with their source, year to date, completion,
// 序时进度 and bars; sorting; a park by the unit picker; a target changed
// in its row (a reason required; the list, the figures and the history
// follow); a second statistician who read it before told with both values
// and nothing overwritten; a leader and a clerk offered no change; another
// park refused to a clerk; a phone's width; English. Prints "ok - …" /
// "FAIL - …" lines and "page-ready PAGE MS" for the record.
import { harness } from './harness.mjs';

const H = await harness(process.argv[2], process.argv[3] || '');
const { open, signIn, go, text, count, shot, expect, overflow } = H;
const PW = 'kfq-demo-2017';
const ET = '#/targets?unit=eyewear_town&year=2017';

// the cells of an indicator's row: name, measure, target, ytd, completion,
// 序时进度
async function row(p, ind) {
  return p.$eval(`#target-${ind}`, (cell) =>
    [...cell.closest('tr').querySelectorAll('td')].map((td) => td.textContent.trim())).catch(() => []);
}

try {
  // ---- the zone's targets ----
  H.lap('zone');
  const a = await open();
  {
    await signIn(a, 'stat', PW, '#/targets');
    const menu = await a.$$eval('#nav a', (els) => els.map((e) => e.getAttribute('href')));
    expect(menu.includes('#/targets'), 'the statistician\'s menu has 目标管理', menu.join(' '));
    expect((await text(a, 'h1')).includes('丹阳经济开发区') && (await text(a, 'h1')).includes('2017'),
      'the account\'s unit and the latest year by default', await text(a, 'h1'));
    const n = await count(a, '#targets-table tbody tr');
    expect(n === 11, `the six headline indicators and five more with targets (${n})`);
    const ts = await row(a, 'taxable_sales');
    expect(ts[0].startsWith('工业应税销售') && ts[1] === '亿元' && ts[2].startsWith('338.59') && ts[2].includes('本单位') &&
      ts[3] === '349.42' && ts[4] === '103.2' && ts[5] === '103.2',
    'taxable sales: the zone\'s own target 338.59 亿元, 349.42 done, 103.2%, 序时进度 103.2', ts.join(' | '));
    const gdp = await row(a, 'gdp');
    expect(gdp[2].startsWith('344.44') && gdp[4] === '98.7', 'GDP short of its target: 98.7%', gdp.join(' | '));
    const behind = await a.$eval('#target-gdp', (c) => !!c.closest('tr').querySelector('td:nth-child(6) .behind')).catch(() => false);
    expect(behind, 'its 序时进度 marked behind schedule');
    const key = await row(a, 'key_inv_actual');
    expect(key[2].includes('146.00') && key[2].includes('下级合计'), 'the key projects\' plan is their sum (下级合计)', key.join(' | '));
    const w = await a.$eval('#target-gdp', (c) => c.closest('tr').querySelector('.meter span').style.width).catch(() => '');
    expect(w === '98.7%', `completion drawn as a bar (${w})`);
    const w2 = await a.$eval('#target-fixed_asset_inv', (c) => c.closest('tr').querySelector('.meter span').style.width).catch(() => '');
    expect(w2 === '100%', `a bar stops at 100% (${w2})`);
    await a.click('#targets-table th:nth-child(5) button');
    const comps = await a.$$eval('#targets-table tbody td:nth-child(5)', (els) => els.map((e) => Number(e.textContent)));
    expect(comps.length === 11 && comps.every((v, i) => i === 0 || comps[i - 1] <= v) && comps[0] === 95,
      'sorted by completion with a click, the lowest first (95.0)', comps.join(' '));
    await shot(a, 'targets');
    // a park by the picker
    await a.evaluate(() => { document.querySelector('.page').dataset.ready = 'old'; });
    await a.$eval('#targets-unit', (e) => { e.value = ''; });
    await a.type('#targets-unit', 'eyewear_town');
    await a.click('.page form.bar button[type=submit]');
    await H.settled(a, '#/targets?unit=eyewear_town');
    expect((await text(a, 'h1')).includes('眼镜小镇'), 'a park picked by its code', await text(a, 'h1'));
    const et = await row(a, 'taxable_sales');
    expect(et[2].startsWith('104.31') && et[3] === '107.55' && et[4] === '103.1', 'its own target and completion (104.31, 103.1%)', et.join(' | '));
  }

  // ---- a change, and a second statistician who read it before ----
  H.lap('change');
  const b = await open();
  {
    await signIn(b, 'stat', PW, ET);
    await go(a, `${ET}&at=a`);
    await a.click('#target-edit-taxable_sales');
    await a.waitForSelector('#target-value-taxable_sales');
    await a.$eval('#target-value-taxable_sales', (e) => { e.value = ''; });
    await a.type('#target-value-taxable_sales', '110');
    await a.click('#target-save-taxable_sales');
    const need = await text(a, '#target-msg-taxable_sales');
    expect(need.includes('请填写理由'), 'no reason: asked for one, nothing sent', need);
    await a.type('#target-note-taxable_sales', '年中调整：眼镜出口回升');
    await a.click('#target-save-taxable_sales');
    await a.waitForFunction(() => {
      const e = document.getElementById('target-taxable_sales');
      return !!e && (e.textContent || '').startsWith('110.00');
    }, { timeout: 30000 }).catch(() => {});
    const after = await row(a, 'taxable_sales');
    expect(after[2].startsWith('110.00') && after[4] === '97.8',
      'saved: the row shows 110.00 and the completion now (107.55 of 110: 97.8%)', after.join(' | '));
    expect((await text(a, '#msg')).includes('已保存'), 'and says it was saved', JSON.stringify(await a.evaluate(() => [document.getElementById('msg').className, document.getElementById('msg').textContent, location.hash])));
    const hist = await a.evaluate(async () => {
      const r = await fetch('/api/v1/history?unit=eyewear_town&indicator=taxable_sales');
      const rows = await r.json();
      return rows.filter((x) => x.kind === 'target').pop() || {};
    });
    expect(hist.note === '年中调整：眼镜出口回升' && hist.who === 'stat' && hist.source === 'web',
      'history keeps the reason, the account and the web as the source', JSON.stringify(hist));
    // b read the page before a saved
    await b.click('#target-edit-taxable_sales');
    await b.waitForSelector('#target-value-taxable_sales');
    await b.$eval('#target-value-taxable_sales', (e) => { e.value = ''; });
    await b.type('#target-value-taxable_sales', '108.5');
    await b.type('#target-note-taxable_sales', '我的数');
    await b.click('#target-save-taxable_sales');
    await b.waitForSelector('#target-conflict-taxable_sales', { timeout: 30000 }).catch(() => {});
    const c = await text(b, '#target-conflict-taxable_sales');
    expect(c.includes('110') && c.includes('108.5') && c.includes('修改了此目标'),
      'the second statistician is told someone changed it, with both values', c);
    await shot(b, 'targets-conflict');
    await go(b, `${ET}&again=1`);
    const kept = await row(b, 'taxable_sales');
    expect(kept[2].startsWith('110.00'), 'and nothing was overwritten', kept.join(' | '));
    expect(a.errors.length === 0 && b.errors.length === 0, 'the statisticians\' pages logged no JavaScript error', [...a.errors, ...b.errors].join(' | '));
  }

  // ---- a leader and a clerk: no change offered; another park refused ----
  H.lap('readers');
  {
    const l = await open();
    await signIn(l, 'leader', PW, '#/targets');
    expect((await count(l, '#targets-table tbody tr')) === 11, 'a leader reads the zone\'s targets');
    expect((await count(l, '[id^=target-edit-]')) === 0, 'and is offered no change');
    const k = await open();
    await signIn(k, 'clerk', PW, '#/targets');
    expect((await text(k, 'h1')).includes('眼镜小镇'), 'a park\'s clerk gets its park\'s targets', await text(k, 'h1'));
    expect((await count(k, '[id^=target-edit-]')) === 0, 'and no change either');
    await go(k, '#/targets?unit=japan_park&year=2017');
    const m = await text(k, '#msg');
    expect(m.includes('japan_park'), 'another park\'s targets are refused, as a unit that does not exist', m);
    expect(l.errors.length === 0 && k.errors.length === 0, 'their pages logged no JavaScript error', [...l.errors, ...k.errors].join(' | '));
    await l.close2();
    await k.close2();
  }

  // ---- a phone; English ----
  H.lap('phone');
  {
    const p = await open(390, 844);
    await signIn(p, 'stat', PW, ET);
    const o = await overflow(p);
    expect(o <= 0, `on a 390 px phone nothing is wider than the screen (${o})`);
    await shot(p, 'targets-phone', true);
    await p.click('#lang');
    await p.waitForFunction(() => document.querySelector('h1') && document.querySelector('h1').textContent.startsWith('Targets'), { timeout: 30000 }).catch(() => {});
    const h1 = await text(p, 'h1');
    const heads = await p.$$eval('#targets-table th', (els) => els.map((e) => e.textContent));
    expect(h1.startsWith('Targets') && heads.includes('Measure') && heads.includes('time progress (%)'),
      'English: the page and its headings', `${h1} | ${heads.join(' ')}`);
    const tag = await text(p, '#target-taxable_sales .tag');
    expect(tag === 'own', `whose target, in English (${tag})`);
    await p.click('#lang');
    expect(p.errors.length === 0, 'the phone\'s page logged no JavaScript error', p.errors.join(' | '));
    await p.close2();
  }
  await a.close2();
  await b.close2();
} catch (e) {
  H.bad(`the browser test stopped: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e}`);
} finally {
  await H.browser.close();
}
process.exit(H.failed ? 1 : 0);
