/* servebench accuracy check page: each task's accuracy with its interval, and wrong items (textContent only). */
(function () {
  'use strict';
  var el = sbPage.el, table = sbPage.table;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var main = document.getElementById('report');

  document.title = 'servebench accuracy check';
  document.getElementById('title').textContent = 'servebench accuracy check';
  document.getElementById('subtitle').textContent = data.model + ' at ' + data.url + ', temperature ' +
    data.temperature + ', seed ' + data.seed;

  /* The tables the terminal printed, with the same cells (EvalTables; tables/ has them as Markdown and CSV). */
  var summary = el('section');
  data.tables.forEach(function (t) {
    summary.appendChild(el('h2', t.title));
    if (t.note) { summary.appendChild(el('p', t.note, { 'class': 'muted' })); }
    summary.appendChild(table(t.id, t.columns, t.rows));
  });
  /* Where each task's wrong answers are kept: the lines the terminal prints under the table. */
  data.tasks.forEach(function (t) {
    summary.appendChild(el('p', 'Answered wrong: ' + t.wrong_count + ' of ' + t.accuracy.items + ' in ' +
      t.failed_file, { 'class': 'muted' }));
  });
  /* 48 px a task plus room for the axis and its title: one task's bar is as readable as ten's. */
  var box = el('div', null, { 'class': 'chart', 'id': 'accuracy-chart', 'style': 'height:' +
    Math.max(220, 110 + 48 * data.tasks.length) + 'px' });
  summary.appendChild(box);
  main.appendChild(summary);
  var charts = [];
  if (window.echarts) {
    var names = data.tasks.map(function (t) { return t.accuracy.task; });
    var chart = window.echarts.init(box);
    charts.push(chart);
    chart.setOption({
      animation: false,
      grid: { left: 16, right: 40, top: 16, bottom: 44, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', min: 0, max: 100, name: 'accuracy % (bar) with its 95 % interval (ticks)',
        nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 260, overflow: 'break' } },
      series: [
        { type: 'bar', name: 'accuracy', barMaxWidth: 26, data: data.tasks.map(function (t) { return +(t.accuracy.accuracy * 100).toFixed(2); }) },
        /* Both ends of one interval in one colour: two colours read as two different things, with no key. */
        { type: 'scatter', name: '95 % CI low', symbol: 'rect', symbolSize: [3, 24], itemStyle: { color: '#333' },
          data: data.tasks.map(function (t, i) { return [+(t.accuracy.ci_low * 100).toFixed(2), i]; }) },
        { type: 'scatter', name: '95 % CI high', symbol: 'rect', symbolSize: [3, 24], itemStyle: { color: '#333' },
          data: data.tasks.map(function (t, i) { return [+(t.accuracy.ci_high * 100).toFixed(2), i]; }) }
      ]
    });
  }

  data.tasks.forEach(function (t) {
    if (!t.wrong.length) { return; }
    var s = el('section');
    s.appendChild(el('h2', 'Answered wrong: ' + t.accuracy.task));
    s.appendChild(el('p', 'The first ' + t.wrong.length + ' of ' + t.wrong_count + '; all are in ' + t.failed_file +
      '.', { 'class': 'muted' }));
    s.appendChild(table('wrong-' + t.accuracy.task, ['id', 'prompt', 'answer', 'expected', 'grader read'],
      t.wrong.map(function (w) { return [w.id, w.prompt, w.answer, w.expected, w.extracted]; })));
    main.appendChild(s);
  });

  /* report.html#selfcheck: what the page drew, and any script error, for the browser tests. */
  if (location.hash === '#selfcheck') {
    var out = document.getElementById('selfcheck');
    out.textContent = JSON.stringify({
      errors: window.__sbErrors.slice(), alerts: window.__sbAlerts,
      charts: charts.map(function (c) { return { series: (c.getOption().series || []).length, height: c.getHeight(),
        width: c.getWidth() }; }),
      layout: sbPage.layout(),
      tables: Array.prototype.map.call(document.querySelectorAll('table[data-table]'), function (t) {
        return { id: t.getAttribute('data-table'), rows: t.rows.length - 1 }; })
    });
    out.setAttribute('data-done', 'true');
  }
}());
