/* salesreview: draws the charts of a page from its JSON data islands and
 * makes tables sortable. A classic script (no modules), so pages work from
 * file://. It runs no code from data: formatters are chosen by name from the
 * fixed list below, and tooltips render as rich text on the canvas (no HTML). */
(function () {
  'use strict';

  var currency = '';

  function group(n) {
    var s = String(Math.round(Math.abs(n)));
    var out = '';
    while (s.length > 3) {
      out = ',' + s.slice(-3) + out;
      s = s.slice(0, -3);
    }
    return (n < 0 && Math.round(Math.abs(n)) !== 0 ? '-' : '') + s + out;
  }
  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function fixed1(v) { return (Math.round(v * 10) / 10).toFixed(1); }

  var FORMATS = {
    money: function (v) { return isNum(v) ? group(v) + (currency ? ' ' + currency : '') : 'n/a'; },
    // Axis labels: short money (1.2M).
    moneyAxis: function (v) {
      if (!isNum(v)) { return ''; }
      var a = Math.abs(v);
      if (a >= 1e9) { return fixed1(v / 1e9) + 'B'; }
      if (a >= 1e6) { return fixed1(v / 1e6) + 'M'; }
      if (a >= 1e3) { return fixed1(v / 1e3) + 'k'; }
      return group(v);
    },
    percent: function (v) { return isNum(v) ? fixed1(v * 100) + '%' : 'n/a'; },
    change: function (v) { return isNum(v) ? (v > 0 ? '+' : '') + fixed1(v * 100) + '%' : 'n/a'; },
    count: function (v) { return isNum(v) ? group(v) : 'n/a'; },
    days: function (v) { return isNum(v) ? group(v) + ' days' : 'n/a'; },
    times: function (v) { return isNum(v) ? fixed1(v) + 'x' : 'n/a'; },
    plain: function (v) { return isNum(v) ? fixed1(v) : (v === undefined || v === null || v === '-' ? 'n/a' : String(v)); }
  };
  function fmt(name) {
    return Object.prototype.hasOwnProperty.call(FORMATS, name) ? FORMATS[name] : FORMATS.plain;
  }
  function axisFmt(name) {
    if (name === 'money') { return FORMATS.moneyAxis; }
    if (name === 'days') { return FORMATS.count; }
    return fmt(name);
  }
  function asArray(x) { return x === undefined || x === null ? [] : (Array.isArray(x) ? x : [x]); }
  // valueOf takes the number out of a tooltip or label value (heat map
  // points are [x, y, value]).
  function valueOf(v) {
    if (Array.isArray(v)) { return v[v.length - 1]; }
    if (v && typeof v === 'object' && 'value' in v) { return valueOf(v.value); }
    return v;
  }

  // prepare makes an option from a data island safe and formatted.
  function prepare(spec) {
    var opt = spec.option || {};
    var f = spec.format || {};
    var valueFmt = fmt(f.value);
    delete opt.toolbox; // no dataView, no save-as with names from data
    asArray(opt.title).forEach(function (t) { delete t.link; delete t.sublink; });
    opt.animation = false;
    opt.tooltip = opt.tooltip || {};
    asArray(opt.tooltip).forEach(function (t) {
      t.renderMode = 'richText';
      t.confine = true;
      delete t.formatter;
      t.valueFormatter = function (v) { return valueFmt(valueOf(v)); };
    });
    if (f.x) { asArray(opt.xAxis).forEach(function (a) { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = axisFmt(f.x); }); }
    var ys = asArray(opt.yAxis);
    if (f.y && ys[0]) { ys[0].axisLabel = ys[0].axisLabel || {}; ys[0].axisLabel.formatter = axisFmt(f.y); }
    if (f.y2 && ys[1]) { ys[1].axisLabel = ys[1].axisLabel || {}; ys[1].axisLabel.formatter = axisFmt(f.y2); }
    asArray(opt.series).forEach(function (s, i) {
      if (s.itemStyle && s.itemStyle.color === 'transparent') {
        s.silent = true;
        s.tooltip = { show: false };
      }
      if (s.label) { delete s.label.formatter; }
      if (s.type === 'funnel' || s.type === 'pie') {
        s.label = s.label || {};
        s.label.formatter = function (p) { return p.name + ': ' + valueFmt(valueOf(p.value)); };
      }
      if (s.yAxisIndex === 1 && f.y2) {
        var f2 = fmt(f.y2);
        s.tooltip = { valueFormatter: function (v) { return f2(valueOf(v)); } };
      }
      if (s.type === 'heatmap') {
        s.label = { show: false };
      }
    });
    asArray(opt.visualMap).forEach(function (v) { delete v.formatter; });
    return opt;
  }

  var drawn = [];
  function drawCharts() {
    if (typeof echarts === 'undefined') { return; }
    var islands = document.querySelectorAll('script[type="application/json"][id^="chart-"]');
    for (var i = 0; i < islands.length; i++) {
      var island = islands[i];
      var box = document.getElementById(island.id.replace(/-data$/, ''));
      if (!box || box === island) { continue; }
      var spec;
      try {
        spec = JSON.parse(island.textContent);
      } catch (e) {
        box.textContent = 'This chart could not be read.';
        continue;
      }
      currency = typeof spec.currency === 'string' ? spec.currency : '';
      var chart = echarts.init(box, null, { renderer: 'canvas' });
      chart.setOption(prepare(spec));
      drawn.push(chart);
    }
  }
  function resizeAll() {
    for (var i = 0; i < drawn.length; i++) { drawn[i].resize(); }
  }

  // Colour swatches and region headings take their colour from data-colour
  // (set through the DOM, which the Content-Security-Policy allows).
  function paint() {
    var els = document.querySelectorAll('[data-colour]');
    for (var i = 0; i < els.length; i++) {
      var c = els[i].getAttribute('data-colour');
      if (!/^#[0-9a-fA-F]{3,6}$/.test(c)) { continue; }
      if (els[i].classList.contains('swatch')) {
        els[i].style.backgroundColor = c;
      } else {
        els[i].style.borderColor = c;
      }
    }
  }

  // Sortable tables: a button in each heading sorts by that column.
  function sortable() {
    var tables = document.querySelectorAll('table.sortable');
    for (var t = 0; t < tables.length; t++) {
      (function (table) {
        var buttons = table.querySelectorAll('thead th button');
        for (var b = 0; b < buttons.length; b++) {
          (function (col, button) {
            button.addEventListener('click', function () { sortBy(table, col, button); });
          })(b, buttons[b]);
        }
      })(tables[t]);
    }
  }
  function sortBy(table, col, button) {
    var th = button.parentNode;
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    var heads = table.querySelectorAll('thead th');
    for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute('aria-sort'); }
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var numeric = th.classList.contains('num');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (r, i) {
      var cell = r.cells[col];
      var k;
      if (numeric) {
        var v = cell ? cell.getAttribute('data-v') : '';
        k = v === '' || v === null ? null : parseFloat(v);
      } else {
        k = cell ? cell.textContent : '';
      }
      return { row: r, key: k, i: i };
    });
    keyed.sort(function (a, b) {
      var c;
      if (numeric) {
        if (a.key === null && b.key === null) { c = 0; }
        else if (a.key === null) { return 1; } // undefined last either way
        else if (b.key === null) { return -1; }
        else { c = a.key - b.key; }
      } else {
        c = a.key.localeCompare(b.key);
      }
      if (!asc) { c = -c; }
      return c !== 0 ? c : a.i - b.i;
    });
    for (var i = 0; i < keyed.length; i++) { body.appendChild(keyed[i].row); }
  }

  function start() {
    paint();
    sortable();
    drawCharts();
    window.addEventListener('resize', resizeAll);
    window.addEventListener('beforeprint', resizeAll);
    window.addEventListener('afterprint', resizeAll);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
