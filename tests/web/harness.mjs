// harness.mjs: what the browser tests share (t0310's browser.mjs, t0312's
// offices.mjs): Debian's Chromium started by
// puppeteer-core (nothing is downloaded), a page of its own that records
// JavaScript errors and failed loads, signing in, going to a page and
// timing it, and the "ok - …" / "FAIL - …" lines the command-line tests
// read.
import puppeteer from 'puppeteer-core';

export async function harness(base, shots) {
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  const t0 = Date.now();
  const H = { base, shots, failed: 0 };
  H.ok = (what) => console.log(`ok - ${what}`);
  H.bad = (what) => { H.failed++; console.log(`FAIL - ${what}`); };
  H.expect = (cond, what, why = '') => (cond ? H.ok(what) : H.bad(why ? `${what}: ${why}` : what));
  H.lap = (what) => console.error(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  H.browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--lang=zh-CN'],
  });

  // A page in a context of its own (its own cookies) that records
  // JavaScript errors, and files that fail to load; the API's refusals
  // (401 before signing in, 403, 404) are answers the page shows.
  H.open = async (width = 1366, height = 768) => {
    const ctx = await H.browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.setViewport({ width, height });
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const url = (m.location() && m.location().url) || '';
      if (url.includes('/api/v1/') && /status of 4\d\d/.test(m.text())) return;
      page.errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/api/v1/')) page.errors.push(`${r.status()} ${r.url()}`);
      if (r.status() >= 500) page.errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('dialog', async (d) => { page.errors.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
    page.close2 = () => ctx.close();
    return page;
  };

  // Sign in from the address of a page: the page comes after signing in.
  H.signIn = async (page, name, password, hash = '') => {
    await page.goto(base + '/' + hash, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#login-name');
    await page.type('#login-name', name);
    await page.type('#login-password', password);
    const t1 = Date.now();
    await page.click('#login-submit');
    await page.waitForSelector('.page[data-ready="1"]', { timeout: 60000 }).catch(() => {});
    console.log(`page-ready ${(hash || '#/').split('?')[0]} ${Date.now() - t1} (signing in)`);
  };

  // Go to a page by its #/hash and wait until it has drawn its data (or
  // shown why not); how long that took is printed for docs/benchmarks.md.
  H.go = async (page, hash, label) => {
    const t1 = Date.now();
    await page.evaluate((x) => {
      // the page on the screen is not the one asked for: mark it so
      const old = document.querySelector('.page');
      if (old) old.dataset.ready = 'old';
      document.getElementById('msg').className = '';
      location.hash = x;
    }, hash);
    await page.waitForFunction((x) => {
      const p = document.querySelector('.page');
      const failed = document.getElementById('msg').className === 'error';
      return location.hash === x && ((p && p.dataset.ready === '1') || failed);
    }, { timeout: 60000 }, hash).catch(() => {});
    const ms = Date.now() - t1;
    console.log(`page-ready ${label || hash.split('?')[0]} ${ms}`);
    return ms;
  };

  // Mark the page on the screen as old before a click that leads to
  // another (settled then waits for the new one).
  H.mark = async (page) => page.evaluate(() => {
    const old = document.querySelector('.page');
    if (old) old.dataset.ready = 'old';
  });
  // Wait until the page of the address (after a click) has drawn.
  H.settled = async (page, prefix) => {
    await page.waitForFunction((x) => location.hash.startsWith(x) &&
      document.querySelector('.page[data-ready="1"]'), { timeout: 60000 }, prefix).catch(() => {});
  };

  // Click sel, wait for the page of the address starting with prefix to
  // draw, print how long it took.
  H.follow = async (page, sel, prefix, label) => {
    await H.mark(page);
    const t1 = Date.now();
    await page.click(sel);
    await H.settled(page, prefix);
    const ms = Date.now() - t1;
    console.log(`page-ready ${label} ${ms}`);
    return ms;
  };

  H.text = async (page, sel) => page.$eval(sel, (e) => e.textContent).catch(() => '');
  H.count = async (page, sel) => page.$$eval(sel, (els) => els.length).catch(() => 0);
  H.shot = async (page, name, fullPage = false) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
  };
  // Whether the page fits its window's width (a phone's: no sideways scroll).
  H.overflow = async (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return H;
}
