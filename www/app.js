// Entry point of index.html and embed.html: loads the wasm once and mounts
// every chart of the page (embed.html: the one named by ?chart=).
import init, * as wasm from './pkg/pk_charts.js';
import './mount.js';

const params = new URLSearchParams(location.search);
const embed = document.body.hasAttribute('data-embed');
if (embed) {
  const fig = document.createElement('figure');
  fig.className = 'chart pk-chart';
  fig.dataset.chart = params.get('chart') || '';
  fig.dataset.state = 'loading';
  document.querySelector('main').append(fig);
  const theme = params.get('theme');
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
}
globalThis.PkCharts.start({ ...wasm, init }, { embed });
