// Entry point of index.html and embed.html: loads the wasm once and mounts
// every chart of the page (embed.html: the one named by ?chart=).
import init, * as wasm from './pkg/pk_charts.js';
import './mount.js';

const params = new URLSearchParams(location.search);
const embed = document.body.hasAttribute('data-embed');
let figures;
document.documentElement.classList.add('js');
if (embed) {
  // embed.html carries every chart (so `#<id>` shows one without scripts); keep
  // the one ?chart= names. An unknown id gets an empty figure, which says so.
  const id = params.get('chart') || '';
  let section = null;
  for (const s of document.querySelectorAll('section.embed-chart')) {
    if (s.id === id) section = s;
    else s.remove();
  }
  document.querySelector('.embed-index')?.remove();
  let fig = section?.querySelector('figure[data-chart]');
  if (!fig) {
    fig = document.createElement('figure');
    fig.className = 'chart pk-chart';
    fig.dataset.chart = id;
    fig.dataset.state = 'loading';
    document.querySelector('main').append(fig);
  } else {
    section.dataset.active = '';
  }
  figures = [fig];
  // Light unless asked: `theme=auto` follows the reader's OS, `theme=dark` forces dark.
  const theme = params.get('theme') || 'light';
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}
globalThis.PkCharts.start({ ...wasm, init }, { embed, figures });
