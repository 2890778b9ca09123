// Entry point of index.html and embed.html: loads the wasm once and mounts
// every chart of the page (embed.html: the one named by ?chart=, or a chart
// of the same-origin file ?data= names, through the user-data wasm).
import init, * as wasm from './pkg/pk_charts.js';
import './mount.js';

const params = new URLSearchParams(location.search);
const embed = document.body.hasAttribute('data-embed');
// ?lang=ur (and &digits=urdu): the build wrote every page in Urdu too
// (index.ur.html, embed-<id>.ur.html, and .ur-arabext for Urdu digits); go there.
const wanted = params.get('lang') === 'ur' ? (params.get('digits') === 'urdu' ? '.ur-arabext' : '.ur') : '';
const page = location.pathname.split('/').pop() || 'index.html';
const here = page.match(/^(.*?)((?:\.ur(?:-arabext)?)?)\.html$/);
const asked = params.get('chart') || location.hash.slice(1);
// embed.html has no Urdu copy of its own: it goes to the chart's Urdu page, so
// only for a chart it carries (an unknown id stays here and says so).
const known = here?.[1] !== 'embed' || Boolean(/^[a-z0-9-]+$/.test(asked) && document.getElementById(asked));
const leaving = Boolean(wanted && here && here[2] !== wanted && params.get('data') === null && known);
if (leaving) {
  const name = here[1] === 'embed' ? `embed-${asked}` : here[1];
  params.delete('chart');
  const query = params.toString();
  location.replace(`${name}${wanted}.html${query ? `?${query}` : ''}${location.hash}`);
}
let figures;
document.documentElement.classList.add('js');
const dataParam = embed ? params.get('data') : null;
if (dataParam !== null) {
  // embed.html?data=<URL>&type=bar: a newsroom's own file, from this site only
  // (a page must not chart, under its name, whatever another origin serves).
  for (const s of document.querySelectorAll('section.embed-chart, .embed-index')) s.remove();
  const fig = document.createElement('figure');
  fig.className = 'chart pk-chart';
  fig.dataset.state = 'loading';
  document.querySelector('main').append(fig);
  const type = params.get('type') || 'bar';
  const url = new URL(dataParam, location.href);
  // embed: the error's height is posted, so the iframe shrinks to it.
  const refuse = (why) => globalThis.PkCharts.startUser({ init: () => Promise.reject(new Error(why)) }, fig, {}, { embed: true });
  if (url.origin !== location.origin) {
    refuse(`only data from this site can be charted here, and ${url.origin} is another site. Put the file beside embed.html.`);
  } else if (type !== 'bar' && type !== 'bar-sorted') {
    refuse(`type=${type} is not a chart type here; use type=bar (the file's order) or type=bar-sorted (largest first).`);
  } else {
    Promise.all([import('./pkg/pk_charts_user.js'), fetch(url).then((r) => {
      if (!r.ok) throw new Error(`the data file ${url.pathname} answered ${r.status}`);
      return r.text();
    })]).then(([user, text]) => {
      // &title= (the Make a chart page writes it), else the file's name.
      const title = params.get('title') || decodeURIComponent(url.pathname.split('/').pop() || '').replace(/\.[a-z]+$/i, '').replace(/[-_]+/g, ' ');
      const data = /\.json$/i.test(url.pathname) ? { json: text, title } : { csv: text, title };
      return globalThis.PkCharts.startUser({ ...user, init: user.default }, fig, data, {
        embed: true,
        sorted: type === 'bar-sorted',
        chart: params.get('chart') || '',
        lang: params.get('lang') || '',
        digits: params.get('digits') || '',
        grouping: params.get('grouping') || '',
      });
    }).catch((e) => refuse(e && e.message ? e.message : String(e)));
  }
}
if (embed && dataParam === null) {
  // embed.html carries every chart (so `#<id>` shows one without scripts); keep
  // the one ?chart= names. An unknown id gets an empty figure, which says so.
  // A chart's own page (embed-<id>.html) names it with its one active section.
  const id = params.get('chart') || document.querySelector('section.embed-chart[data-active]')?.id || '';
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
if (dataParam === null && !leaving) globalThis.PkCharts.start({ ...wasm, init }, { embed, figures });
