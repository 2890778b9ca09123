// Script-tag embed for news pages. Include once, anywhere:
//   <div data-pk-chart="operation-rates"></div>
//   <script src="https://example.org/graphics/pk-2025/embed.js" defer></script>
// It (a) mounts a chart into every <div data-pk-chart="<id>"> directly (no
// iframe), all on one wasm instance, and (b) sizes our iframes from the height
// messages embed.html posts. It never evaluates message content.
(function () {
  'use strict';
  var CRATE = 'pk-security-charts';
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
      var ours = frames[i].src.indexOf(base + 'embed.html') === 0;
      if (ours && frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(h) + 'px';
        frames[i].setAttribute('height', String(Math.ceil(h)));
      }
    }
  });

  // (a) Direct mounts: one stylesheet, one wasm instance for every chart.
  function mountAll() {
    var hosts = document.querySelectorAll('div[data-pk-chart]:not([data-pk-mounted])');
    if (!hosts.length) return;
    if (!document.querySelector('link[data-pk-charts]')) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = base + 'chart.css';
      link.setAttribute('data-pk-charts', '');
      document.head.appendChild(link);
    }
    var figures = [];
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      host.setAttribute('data-pk-mounted', '');
      var id = host.getAttribute('data-pk-chart') || '';
      // A page that pasted the chart's HTML in (the build's figure) keeps it;
      // otherwise the engine writes it. Either way the static copy shows until
      // the canvas has drawn, and stays if the engine cannot load.
      var fig = host.querySelector('figure[data-chart="' + id.replace(/[^a-z0-9-]/g, '') + '"]');
      if (!fig) {
        fig = document.createElement('figure');
        fig.className = 'chart pk-chart';
        fig.dataset.chart = id;
        fig.dataset.state = 'loading';
        host.replaceChildren(fig);
      }
      if (host.dataset.theme) fig.dataset.theme = host.dataset.theme;
      if (host.dataset.plain) fig.dataset.plain = host.dataset.plain;
      figures.push(fig);
    }
    Promise.all([import(base + 'pkg/pk_charts.js'), import(base + 'mount.js')])
      .then(function (mods) {
        var wasm = mods[0];
        var engine = Object.assign({}, wasm, { init: wasm.default });
        return globalThis.PkCharts.start(engine, { figures: figures, base: base });
      })
      .catch(function (e) {
        for (var j = 0; j < figures.length; j++) {
          figures[j].dataset.state = 'error';
          var alert = document.createElement('div');
          alert.className = 'chart-error';
          alert.setAttribute('role', 'alert');
          alert.textContent = 'This chart could not be loaded: ' + (e && e.message ? e.message : e);
          figures[j].appendChild(alert);
        }
      });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
