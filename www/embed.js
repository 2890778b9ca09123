// Script-tag embed for news pages. Include once, anywhere:
//   <div data-pk-chart="operation-rates"></div>   (or <pk-chart chart="operation-rates"></pk-chart>)
//   <script src="https://example.org/graphics/pk-2025/embed.js" defer></script>
// It (a) mounts a chart into every <div data-pk-chart="<id>"> directly (no
// iframe), all on one wasm instance, and (b) sizes our iframes from the height
// messages embed.html posts. It never evaluates message content.
(function () {
  'use strict';
  // The height message's type is `<crate>:height`; the build writes the crate's
  // name (Cargo.toml's) here.
  var CRATE = '__CRATE_NAME__';
  // src/data/ui.json's messages marked "script", by language: the build writes
  // them here, for errors shown when the chart engine itself did not load.
  var WORDS = {"__ui_words__": 1};
  function say(f, id, slots) {
    var holder = f.closest && f.closest('[lang]');
    var ur = /^ur\b/.test(holder ? holder.lang : '') || /^\.ur/.test(f.dataset.variant || '');
    var text = (ur && WORDS.ur && WORDS.ur[id]) || (WORDS.en && WORDS.en[id]) || id;
    for (var k in slots || {}) text = text.split('{' + k + '}').join(slots[k]);
    return text;
  }
  var MIN = 50;
  var MAX = 20000;
  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href).href;

  function heightOf(data) {
    if (!data || typeof data !== 'object') return null;
    if (data.type === CRATE + ':height') return data.height;
    var dw = data['datawrapper-height'];
    if (dw && typeof dw === 'object') {
      var keys = Object.keys(dw);
      if (keys.length === 1) return dw[keys[0]];
    }
    return null;
  }

  // (b) Only our own iframe (its src on this site's embed.html) whose window sent
  // the message is resized, only to a sane height: a Datawrapper chart or an ad
  // posting the same message shape is left to its own script.
  window.addEventListener('message', function (event) {
    var h = heightOf(event.data);
    if (typeof h !== 'number' || !isFinite(h) || h < MIN || h > MAX) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      // embed.html?chart=<id>, or a chart's own page embed-<id>.html (or its
      // Urdu copies, embed-<id>.ur.html and .ur-arabext.html).
      var src = frames[i].src;
      var ours = src.indexOf(base + 'embed.html') === 0 || /^embed-[a-z0-9-]+(\.ur(-arabext)?)?\.html/.test(src.indexOf(base) === 0 ? src.slice(base.length) : '');
      if (ours && frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(h) + 'px';
        frames[i].setAttribute('height', String(Math.ceil(h)));
      }
    }
  });

  // (a) Direct mounts, each in its own shadow root so the host page's styles
  // and ours never meet; one wasm instance for every chart. A page that pasted
  // the chart's figure into the host keeps it (moved into the shadow root);
  // otherwise mount.js fetches the figure the build wrote. The static copy
  // shows until the canvas has drawn, and stays if the engine cannot load.
  var pending = false;
  function attr(host, name) {
    return host.getAttribute('data-' + name) || host.getAttribute(name);
  }
  // A shadow root on `host` holding our stylesheet and a box, hidden (an
  // attribute, no inline style: strict CSP) until its styles apply.
  function isolate(host) {
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = base + 'chart.css';
    var box = document.createElement('div');
    box.hidden = true;
    var show = function () { box.hidden = false; };
    link.addEventListener('load', show);
    link.addEventListener('error', show);
    root.replaceChildren(link, box);
    return box;
  }
  function newFigure(id) {
    var fig = document.createElement('figure');
    fig.className = 'chart pk-chart';
    if (id) fig.dataset.chart = id;
    fig.dataset.state = 'loading';
    return fig;
  }
  function userEngine() {
    return Promise.all([import(base + 'pkg/pk_charts_user.js'), import(base + 'mount.js')]).then(function (mods) {
      return Object.assign({}, mods[0], { init: mods[0].default });
    });
  }
  // A newsroom's own data: <div data-pk-chart data-src="figures.csv"> (CSV, or
  // JSON in the dataset's schema), and PkCharts.render(element, { figures, chart }).
  function mountUser(host, load, options) {
    var fig = newFigure('');
    var theme = attr(host, 'theme');
    if (theme) fig.dataset.theme = theme;
    isolate(host).appendChild(fig);
    return Promise.all([userEngine(), load()])
      .then(function (r) {
        return globalThis.PkCharts.startUser(r[0], fig, r[1], Object.assign({ base: base, host: true }, options));
      })
      .catch(function (e) {
        fig.dataset.state = 'error';
        var alert = document.createElement('p');
        alert.className = 'chart-error';
        alert.setAttribute('role', 'alert');
        alert.textContent = say(fig, 'chart_load_failed') + ' ' + (e && e.message ? e.message : e);
        fig.appendChild(alert);
        return fig;
      });
  }
  function fromSrc(host) {
    var src = new URL(attr(host, 'src'), location.href);
    return mountUser(host, function () {
      return fetch(src).then(function (r) {
        if (!r.ok) throw new Error('the data file ' + src.pathname + ' answered ' + r.status);
        return r.text();
      }).then(function (text) {
        var json = /\.json$/i.test(src.pathname) || /^\s*[[{]/.test(text);
        // data-title (the Make a chart page writes it), else the file's name.
        var title = attr(host, 'title') || decodeURIComponent(src.pathname.split('/').pop() || '').replace(/\.[a-z]+$/i, '').replace(/[-_]+/g, ' ');
        return json ? { json: text, title: title } : { csv: text, title: title };
      });
    }, {
      chart: attr(host, 'pk-chart') || attr(host, 'chart') || '',
      sorted: attr(host, 'sorted') === '1',
      lang: attr(host, 'lang') || '',
      digits: attr(host, 'digits') || '',
      grouping: attr(host, 'grouping') || '',
    });
  }
  globalThis.PkCharts = globalThis.PkCharts || {};
  globalThis.PkCharts.render = function (element, options) {
    options = options || {};
    return mountUser(element, function () {
      return Promise.resolve({ rows: options.figures || [], title: options.title });
    }, {
      chart: options.chart || '',
      sorted: Boolean(options.sorted),
      lang: options.lang || '',
      digits: options.digits || '',
      grouping: options.grouping || '',
    });
  };

  function mountAll() {
    pending = false;
    var hosts = document.querySelectorAll('div[data-pk-chart]:not([data-pk-mounted]), pk-chart:not([data-pk-mounted])');
    if (!hosts.length) return;
    var figures = [];
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      host.setAttribute('data-pk-mounted', '');
      if (attr(host, 'src')) {
        fromSrc(host);
        continue;
      }
      // As given, so an unknown id's error names it (mount.js checks it).
      var id = attr(host, 'pk-chart') || attr(host, 'chart') || '';
      var fig = host.querySelector('figure[data-chart="' + CSS.escape(id) + '"]') || newFigure(id);
      var theme = attr(host, 'theme');
      if (theme) fig.dataset.theme = theme;
      if (attr(host, 'plain') === '1' || host.hasAttribute('plain')) fig.dataset.plain = '1';
      // data-lang="ur" (and data-digits="urdu"): the build's Urdu copy of the figure.
      if (attr(host, 'lang') === 'ur') fig.dataset.variant = attr(host, 'digits') === 'urdu' ? '.ur-arabext' : '.ur';
      isolate(host).appendChild(fig);
      figures.push(fig);
    }
    if (!figures.length) return;
    Promise.all([import(base + 'pkg/pk_charts.js'), import(base + 'mount.js')])
      .then(function (mods) {
        var wasm = mods[0];
        var engine = Object.assign({}, wasm, { init: wasm.default });
        return globalThis.PkCharts.start(engine, { figures: figures, base: base });
      })
      .catch(function () {
        // The engine's files could not load (a module import from another
        // origin fails without CORS headers, and says only "Failed to fetch"):
        // each chart says so briefly and keeps, or gets, its image and data.
        for (var j = 0; j < figures.length; j++) {
          var f = figures[j];
          f.dataset.state = 'error';
          var alert = document.createElement('p');
          alert.className = 'chart-error';
          alert.setAttribute('role', 'alert');
          alert.textContent = say(f, 'interactive_failed', { why: say(f, 'engine_files_blocked', { base: base }) })
            + ' ' + say(f, 'static_shown_instead');
          var body = f.querySelector('.chart-body');
          if (body) body.after(alert);
          else f.appendChild(alert);
          if (!f.querySelector('.chart-static') && /^[a-z0-9-]+$/.test(f.dataset.chart || '')) fallback(f);
        }
      });
  }
  // The chart's drawing as an image (the phone one on narrow screens, in the
  // figure's language) and its data, for a figure whose HTML never arrived.
  function fallback(f) {
    var v = /^(\.ur(-arabext)?)?$/.test(f.dataset.variant || '') ? f.dataset.variant || '' : '';
    var picture = document.createElement('picture');
    var narrow = document.createElement('source');
    narrow.media = '(max-width: 519.98px)';
    narrow.srcset = base + 'img/' + f.dataset.chart + '-narrow' + v + '.svg';
    var img = document.createElement('img');
    img.className = 'chart-static';
    img.src = base + 'img/' + f.dataset.chart + v + '.svg';
    img.alt = '';
    img.addEventListener('error', function () { picture.remove(); });
    picture.append(narrow, img);
    var data = document.createElement('a');
    data.href = base + 'data/__DATASET__.csv';
    data.setAttribute('download', '');
    data.textContent = say(f, 'data_csv');
    f.append(picture, data);
  }
  function schedule() {
    if (pending) return;
    pending = true;
    Promise.resolve().then(mountAll);
  }

  // <pk-chart chart="<id>" theme="dark" plain>: the same mount, as an element.
  // A small JS class, since wasm-bindgen cannot extend HTMLElement.
  if (window.customElements && !customElements.get('pk-chart')) {
    customElements.define('pk-chart', class extends HTMLElement {
      connectedCallback() { schedule(); }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', schedule);
  else schedule();
})();
