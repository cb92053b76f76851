/* salesreview serve: reloads the page when the site is rebuilt. It polls
 * manifest.json of the site root (found from this script's own address)
 * once a second and reloads when its content changes. */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || typeof fetch === 'undefined') { return; }
  var url = new URL('../manifest.json', me.src).href;
  var last = null;
  function poll() {
    fetch(url, { cache: 'no-store' }).then(function (r) { return r.ok ? r.text() : null; }).then(function (t) {
      if (t === null) { return; }
      if (last !== null && t !== last) { location.reload(); return; }
      last = t;
    }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
