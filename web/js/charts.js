// charts.js: Apache ECharts (embedded in kfq, served as
// /vendor/echarts.min.js) in the pages. Each chart's element gets
// data-drawn="1" once ECharts has finished drawing it (the browser tests
// wait for that), and follows the window's size.
const live = new Set();

export function chart(el, option) {
  if (!window.echarts) {
    el.textContent = 'ECharts did not load';
    return null;
  }
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  c.on('finished', () => { el.dataset.drawn = '1'; });
  c.setOption({
    textStyle: { fontFamily: getComputedStyle(document.documentElement).fontFamily },
    animationDuration: 300,
    ...option,
  });
  live.add(c);
  return c;
}

// Forget the charts of the page left behind.
export function dropCharts() {
  for (const c of live) if (!c.isDisposed()) c.dispose();
  live.clear();
}

window.addEventListener('resize', () => {
  for (const c of live) if (!c.isDisposed()) c.resize();
});
