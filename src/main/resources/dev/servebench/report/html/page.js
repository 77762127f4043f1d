/* servebench pages (plan, eval): the DOM helpers they share. Text goes in with textContent only. */
var sbPage = (function () {
  'use strict';
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) { return '-'; }
    return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? (Math.abs(v) >= 100 ? 0 : 1) : digits });
  }
  /* A cell of long text (a prompt, an answer, a reason) wraps inside the page instead of widening the table. */
  var LONG = 60;
  function cell(text, className) {
    var td = document.createElement('td');
    var s = text === undefined || text === null ? '' : String(text);
    if (className) { td.className = className; }
    if (s.length > LONG) {
      td.classList.add('long');
      var box = document.createElement('div');
      box.textContent = s;
      td.appendChild(box);
    } else {
      td.textContent = s;
    }
    return td;
  }
  /* A column header: a machine-friendly name (output_ratio_to_baseline) may break after its underscores, so that a
     table of many such columns fits the page instead of running off it. The text stays the same (wbr adds none). */
  function header(text) {
    var th = document.createElement('th');
    String(text).split('_').forEach(function (part, i, parts) {
      th.appendChild(document.createTextNode(part + (i < parts.length - 1 ? '_' : '')));
      if (i < parts.length - 1) { th.appendChild(document.createElement('wbr')); }
    });
    return th;
  }
  function table(id, headers, rows) {
    var t = el('table', null, { 'data-table': id });
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(header(h)); });
    t.appendChild(head);
    var textColumns = {};
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c, i) {
        var td = cell(c);
        if (td.classList.contains('long')) { textColumns[i] = true; }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    /* A column of wrapped text reads from the left: its header too, not right-aligned over it. */
    Object.keys(textColumns).forEach(function (i) { head.children[i].classList.add('text'); });
    return t;
  }
  /* For the self-checks: how far the page is wider than the window, and which tables or charts are wider than
     the block they sit in (a table that scrolls sideways hides columns). */
  function layout() {
    var doc = document.documentElement;
    var wide = [];
    document.querySelectorAll('table, .chart, pre, dl, .legend').forEach(function (e) {
      var parent = e.parentElement;
      if (parent && e.getBoundingClientRect().width > parent.clientWidth + 1) {
        wide.push((e.getAttribute('data-table') || e.id || e.tagName.toLowerCase()) + ': ' +
          Math.round(e.getBoundingClientRect().width) + ' px in ' + parent.clientWidth + ' px');
      }
    });
    return { viewport: doc.clientWidth, page_width: doc.scrollWidth, overflow_px: Math.max(0, doc.scrollWidth - doc.clientWidth),
      wider_than_parent: wide };
  }
  return { el: el, num: num, table: table, header: header, cell: cell, layout: layout };
}());
