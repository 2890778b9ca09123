// The "Make a chart" page: reads a file the reader chooses, drops or pastes
// (FileReader; nothing is sent anywhere), and draws it with the user-data
// engine, which writes the figure and its table as for the built-in charts.
import init, * as user from './pkg/pk_charts_user.js';
import './mount.js';

const $ = (id) => document.getElementById(id);
const engine = { ...user, init };
let text = $('paste').value;
let isJson = false;

function codes(kind, chart) {
  const site = new URL('.', location.href).href;
  const sorted = kind === 'bar-sorted' ? ' data-sorted="1"' : '';
  const which = chart ? ` data-chart="${chart}"` : '';
  const title = $('title').value;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  // The title typed here travels with the code (data-title, &title=).
  const titled = title ? ` data-title="${esc(title)}"` : '';
  $('code-script').value = `<div data-pk-chart data-src="${site}your-file.csv"${titled}${which}${sorted}></div>\n<script src="${site}embed.js" defer></script>`;
  const q = `data=your-file.csv&type=${kind}${chart ? `&chart=${encodeURIComponent(chart)}` : ''}${title ? `&title=${encodeURIComponent(title)}` : ''}`;
  $('code-iframe').value = `<iframe src="${site}embed.html?${q}" title="${esc(title)}" width="100%" height="480" style="width:100%;border:0"></iframe>\n<script src="${site}embed.js" defer></script>`;
}

async function draw() {
  const result = $('result');
  const host = document.createElement('div');
  result.replaceChildren(host);
  const kind = $('kind').value;
  const chart = $('group').value;
  const data = isJson ? { json: text } : { csv: text, title: $('title').value || 'Your figures' };
  const fig = await globalThis.PkCharts.startUser(engine, host, data, { sorted: kind === 'bar-sorted', chart });
  // Offer the file's other charts (one per group) once it has loaded.
  const groups = $('group');
  if (fig.dataset.state !== 'error' && groups.options.length === 0) {
    try {
      const loaded = isJson ? user.UserData.from_json(text) : user.UserData.from_csv(text, $('title').value || 'Your figures');
      for (const id of loaded.chart_ids()) groups.append(new Option(id, id));
    } catch { /* the figure already shows the error */ }
  }
  codes(kind, fig.dataset.chart || '');
}

function read(file) {
  const reader = new FileReader();
  reader.addEventListener('load', () => {
    text = String(reader.result || '');
    isJson = /\.json$/i.test(file.name);
    $('title').value = file.name.replace(/\.[a-z]+$/i, '').replace(/[-_]+/g, ' ');
    $('group').replaceChildren();
    draw();
  });
  reader.readAsText(file);
}

$('file').addEventListener('change', (e) => { if (e.target.files[0]) read(e.target.files[0]); });
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files[0]) read(e.dataTransfer.files[0]);
});
$('paste').addEventListener('input', () => { text = $('paste').value; isJson = /^\s*[[{]/.test(text); $('group').replaceChildren(); });
$('make-form').addEventListener('submit', (e) => { e.preventDefault(); draw(); });
$('kind').addEventListener('change', draw);
$('group').addEventListener('change', draw);
draw();
