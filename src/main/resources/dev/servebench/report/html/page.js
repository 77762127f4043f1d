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
  function table(id, headers, rows) {
    var t = el('table', null, { 'data-table': id });
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c) { tr.appendChild(el('td', c)); });
      t.appendChild(tr);
    });
    return t;
  }
  return { el: el, num: num, table: table };
}());
