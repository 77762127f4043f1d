/* servebench plan page: the decision table and the frontiers, from the plan's JSON (textContent only). */
(function () {
  'use strict';
  var el = sbPage.el, table = sbPage.table, num = sbPage.num;
  var plan = JSON.parse(document.getElementById('report-data').textContent);
  var main = document.getElementById('report');
  var charts = [];

  document.title = 'servebench plan';
  document.getElementById('title').textContent = 'servebench plan';
  document.getElementById('subtitle').textContent = plan.model + ' on ' + plan.nodes + ' x ' + plan.gpus_per_node + ' ' +
    plan.gpu + ', ' + plan.input_tokens + ' in / ' + plan.output_tokens + ' out tokens, SLO ' + (plan.slo || 'none') +
    ', ' + plan.predictions.length + ' predictions in ' + num(plan.seconds, 1) + ' s of planning';

  var decisions = el('section');
  decisions.appendChild(el('h2', 'Decision per concurrency'));
  decisions.appendChild(el('p', 'The shape with the most goodput per GPU (output tokens/s of requests meeting the SLO) ' +
    'among those whose success rate and p99 TTFT, TPOT, ITL and latency meet it, and the runner-up.', { 'class': 'muted' }));
  /* "80/98": replicas' (or prefill's) and decode's figure, each only where the shape has that pool. */
  function pools(entry, decode, scale, digits) {
    var f = function (v) { return v == null ? '-' : (v * scale).toFixed(digits); };
    return f(entry) + (decode != null ? '/' + f(decode) : '');
  }
  /* Grouped so the table fits a 1,280-px page: one cell for the three p99s, one for the pools' load. */
  decisions.appendChild(table('decisions', ['clients', 'SLO', 'best shape', 'goodput out tok/s/GPU',
    'out tok/s/user', 'p99 ms: TTFT / TPOT / ITL', 'KV transfer ms', 'pools P/D: busy % · queue', 'runner-up: goodput',
    'shapes meeting SLO'], plan.decisions.map(function (d) {
    var b = d.best;
    return [d.concurrency, d.slo, b ? b.shape : 'none meets it', b ? num(b.goodput_per_gpu) : '-',
      b ? num(b.tokens_per_second_per_user, 1) : '-',
      b ? num(b.ttft_p99_millis) + ' / ' + num(b.tpot_p99_millis, 1) + ' / ' + num(b.itl_p99_millis, 1) : '-',
      b && b.kv_transfer_millis != null ? num(b.kv_transfer_millis, 1) : '-',
      b ? pools(b.entry_busy, b.decode_busy, 100, 0) + ' · ' + pools(b.entry_queue, b.decode_queue, 1, 1) : '-',
      d.runner_up ? d.runner_up.shape + ': ' + num(d.runner_up.goodput_per_gpu) : '-', d.shapes_meeting_slo];
  })));
  main.appendChild(decisions);

  /* x is a latency (lower is better) or, with perUser, tokens/s per user (higher is better). */
  function frontierChart(id, title, axisLabel, field, frontierKey, perUser) {
    var section = el('section');
    section.appendChild(el('h2', title));
    var box = el('div', null, { 'class': 'chart', 'id': id, 'style': 'height:420px' });
    section.appendChild(box);
    main.appendChild(section);
    var onFrontier = {};
    (plan.frontiers[frontierKey] || []).forEach(function (k) { onFrontier[k] = true; });
    var all = [];
    var front = [];
    plan.predictions.forEach(function (p) {
      if (!isFinite(p[field])) { return; }
      var point = { value: [p[field], p.tokens_per_second_per_gpu], name: p.shape + ' @ c=' + p.concurrency };
      all.push(point);
      if (onFrontier[p.shape + ' @ c=' + p.concurrency]) { front.push(point); }
    });
    front.sort(function (a, b) { return a.value[0] - b.value[0]; });
    var chart = echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) { return p.name + ': ' + num(p.value[1]) + ' total tok/s/GPU, ' + num(p.value[0]) + ' ' + axisLabel; } },
      legend: { data: ['every shape and concurrency', 'frontier'] },
      xAxis: { type: perUser ? 'value' : 'log', name: axisLabel, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: 'total tok/s per GPU' },
      series: [
        { name: 'every shape and concurrency', type: 'scatter', symbolSize: 6, data: all },
        { name: 'frontier', type: 'line', step: false, symbolSize: 8, data: front }
      ]
    });
    charts.push({ id: id, chart: chart, box: box });
  }

  try {
    frontierChart('ttft', 'Frontier: total tokens/s per GPU against TTFT p99', 'TTFT p99 ms', 'ttft_p99_millis', 'TTFT p99 ms');
    frontierChart('tpot', 'Frontier: total tokens/s per GPU against TPOT p99', 'TPOT p99 ms', 'tpot_p99_millis', 'TPOT p99 ms');
    frontierChart('itl', 'Frontier: total tokens/s per GPU against ITL p99 (every gap)', 'ITL p99 ms', 'itl_p99_millis',
      'ITL p99 ms');
    frontierChart('per-user', 'Frontier: total tokens/s per GPU against output tokens/s per user (interactivity)', 'out tok/s per user',
      'tokens_per_second_per_user', 'mean TPOT ms', true);
  } catch (e) {
    window.__sbErrors.push(String(e));
  }

  /* plan.html#selfcheck: the same self-report as a run report's. */
  function selfCheck() {
    var out = document.getElementById('selfcheck');
    out.textContent = JSON.stringify({
      errors: window.__sbErrors.slice(), alerts: window.__sbAlerts, layout: sbPage.layout(),
      charts: charts.map(function (c) {
        var series = c.chart.getOption().series || [];
        return { id: c.id, series: series.length, series_with_data: series.filter(function (x) { return x.data && x.data.length; }).length };
      }),
      tables: Array.prototype.map.call(document.querySelectorAll('table[data-table]'), function (t) {
        return { id: t.getAttribute('data-table'), rows: t.rows.length - 1 }; })
    });
    out.setAttribute('data-done', 'true');
  }
  if (location.hash === '#selfcheck') { selfCheck(); }
})();
