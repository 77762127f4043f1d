/*
 * servebench report page. Reads the JSON data block and builds every section with DOM calls:
 * text goes in through textContent and chart options only, never innerHTML, so a model name or
 * server text holding markup is shown as text and never runs.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  var PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4',
    '#ea7ccc', '#2f4554', '#61a0a8', '#d48265'];
  var STATUS_COLORS = { OK: '#3ba272', DEGRADED: '#fac858', SATURATED: '#5470c6', FAILING: '#ee6666' };
  var main = document.getElementById('report');
  var toc = document.getElementById('toc');

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function section(id, title, note) {
    var s = el('section');
    s.id = id;
    s.appendChild(el('h2', null, title));
    if (note) { s.appendChild(el('p', 'note', note)); }
    main.appendChild(s);
    var a = el('a', null, title);
    a.href = '#' + id;
    toc.appendChild(a);
    return s;
  }

  function grid(parent) {
    var g = el('div', 'grid');
    parent.appendChild(g);
    return g;
  }

  /* One chart in a panel; options get shared defaults (no animation: the page must be complete when loaded). */
  function chart(parent, id, title, option, tall) {
    var panel = el('div', 'panel');
    panel.appendChild(el('h3', null, title));
    var box = el('div', tall ? 'chart tall' : 'chart');
    box.id = 'chart-' + id;
    box.setAttribute('data-chart', id);
    panel.appendChild(box);
    parent.appendChild(panel);
    var c = echarts.init(box, null, { renderer: 'canvas' });
    option.animation = false;
    option.color = option.color || PALETTE;
    option.tooltip = Object.assign({ trigger: 'item', renderMode: 'richText', confine: true }, option.tooltip || {});
    option.grid = Object.assign({ left: 70, right: 30, top: 50, bottom: 60, containLabel: false }, option.grid || {});
    option.legend = Object.assign({ type: 'scroll', top: 0 }, option.legend || {});
    c.setOption(option);
    charts.push({ id: id, chart: c, box: box });
    return c;
  }

  function num(v, digits) {
    return (v === null || v === undefined || !isFinite(v)) ? '-' : Number(v).toFixed(digits);
  }

  /* Closed-loop lines: BASELINE+SCALING and SATURATION run different workloads, so they are separate lines. */
  function concurrencyLines(metric) {
    var lines = [];
    data.series.forEach(function (s) {
      var groups = { scaling: [], saturation: [] };
      s.points.forEach(function (p) {
        if (p.concurrency <= 0 || !p[metric] || p[metric].mean === undefined) { return; }
        var g = p.phase === 'SATURATION' ? 'saturation' : (p.phase === 'STRESS' ? null : 'scaling');
        if (g) { groups[g].push(p); }
      });
      ['scaling', 'saturation'].forEach(function (g) {
        if (groups[g].length === 0) { return; }
        var name = (groups.scaling.length && groups.saturation.length) ? s.label + ' \u00b7 ' + g : s.label;
        lines.push({ name: name, points: groups[g] });
      });
    });
    return lines;
  }

  function errorBarSeries(name, color, rows) {
    return {
      type: 'custom', name: name, data: rows, z: 10, silent: true, encode: { x: 0, y: [1, 2] },
      renderItem: function (params, api) {
        var lo = api.coord([api.value(0), api.value(1)]);
        var hi = api.coord([api.value(0), api.value(2)]);
        var w = 5;
        var style = { stroke: color, lineWidth: 1.5 };
        return {
          type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
            { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: style },
            { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: style }
          ]
        };
      }
    };
  }

  function concurrencyChart(parent, id, title, metric, yName, digits) {
    var lines = concurrencyLines(metric);
    if (lines.length === 0) { return; }
    var series = [];
    lines.forEach(function (line, i) {
      var color = PALETTE[i % PALETTE.length];
      series.push({ type: 'line', name: line.name, color: color, symbolSize: 7,
        data: line.points.map(function (p) { return [p.concurrency, Number(num(p[metric].mean, 4)), p.level]; }) });
      var bars = line.points.filter(function (p) { return p[metric].lo !== undefined; })
        .map(function (p) { return [p.concurrency, p[metric].lo, p[metric].hi]; });
      if (bars.length) { series.push(errorBarSeries(line.name, color, bars)); }
    });
    chart(parent, id, title, {
      xAxis: { type: 'log', name: 'concurrency', nameLocation: 'middle', nameGap: 30, logBase: 10 },
      yAxis: { type: 'value', name: yName, scale: false },
      series: series
    });
  }

  function percentileChart(parent, id, title, prefix, unit) {
    var series = [];
    var styles = { p50: 'solid', p95: 'dashed', p99: 'dotted' };
    var color = 0;
    concurrencyLines(prefix + 'p50_ms').forEach(function (line) {
      var c = PALETTE[color++ % PALETTE.length];
      ['p50', 'p95', 'p99'].forEach(function (q) {
        var key = prefix + q + '_ms';
        var pts = line.points.filter(function (p) { return p[key] && p[key].mean !== undefined; });
        series.push({ type: 'line', name: line.name + ' ' + q, color: c, lineStyle: { type: styles[q] },
          data: pts.map(function (p) { return [p.concurrency, Number(num(p[key].mean, 3))]; }) });
      });
    });
    if (series.length === 0) { return; }
    chart(parent, id, title, {
      xAxis: { type: 'log', name: 'concurrency', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: unit },
      series: series
    });
  }

  function distributionChart(parent, id, title, key, unit) {
    var views = (data.distributions || []).filter(function (d) { return d[key] && d[key].length; });
    if (views.length === 0) { return; }
    var step = Math.max(1, Math.ceil(views.length / 24));
    var shown = views.filter(function (d, i) { return i % step === 0; });
    var multi = data.series.length > 1;
    // Latencies are right-skewed: when they span more than a decade a log axis keeps both the body
    // and the tail readable (a log axis needs every value above zero).
    var lo = Infinity, hi = 0;
    shown.forEach(function (d) {
      d[key].forEach(function (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); });
    });
    var log = lo > 0 && hi / lo >= 10;
    chart(parent, id, title, {
      tooltip: { trigger: 'item' },
      xAxis: log ? { type: 'log', name: unit + ' (log scale)', nameLocation: 'middle', nameGap: 30, logBase: 10 }
        : { type: 'value', name: unit, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'percentile', min: 0, max: 100 },
      series: shown.map(function (d) {
        return { type: 'line', name: (multi ? d.series + ' ' : '') + d.level, showSymbol: false,
          data: d[key].map(function (v, i) { return [v, data.percentiles[i]]; }) };
      })
    }, true);
  }

  function overview() {
    document.title = data.title;
    document.getElementById('title').textContent = data.title;
    var runs = data.runs.length + (data.runs.length === 1 ? ' run' : ' runs');
    document.getElementById('subtitle').textContent = runs + ' of ' + data.series.length + ' series \u00b7 generated '
      + data.generated;
  }

  function throughputSection() {
    var repeated = data.series.some(function (s) { return s.repeated; });
    var s = section('throughput', 'Throughput vs concurrency', 'Tokens of valid requests over each level\'s wall time.'
      + (repeated ? ' Points are means of repeated runs; error bars are 95 % confidence intervals (t, n-1 df).' : ''));
    var g = grid(s);
    concurrencyChart(g, 'throughput-total', 'Total tok/s (prompt + completion)', 'total_tok_s', 'tok/s', 0);
    concurrencyChart(g, 'throughput-output', 'Output tok/s (completion)', 'output_tok_s', 'tok/s', 0);
  }

  function latencySection() {
    var s = section('latency', 'Latency', 'End-to-end p99, and streaming percentiles of valid requests: TTFT (time '
      + 'to first token) and inter-token latency (gap between output chunks).');
    var g = grid(s);
    concurrencyChart(g, 'p99', 'p99 end-to-end latency vs concurrency', 'p99_s', 's', 2);
    percentileChart(g, 'ttft-percentiles', 'TTFT p50 / p95 / p99 vs concurrency', 'ttft_', 'ms');
    percentileChart(g, 'itl-percentiles', 'Inter-token latency p50 / p95 / p99 vs concurrency', 'itl_', 'ms');
    if ((data.distributions || []).length) {
      var d = section('distributions', 'Distributions', 'Cumulative distributions per level from requests.jsonl '
        + '(first run of each series; up to 24 levels shown).');
      var dg = grid(d);
      distributionChart(dg, 'ttft-distribution', 'TTFT distribution', 'ttft_ms', 'ms');
      distributionChart(dg, 'itl-distribution', 'Inter-token latency distribution', 'itl_ms', 'ms');
      distributionChart(dg, 'latency-distribution', 'End-to-end latency distribution', 'latency_s', 's');
      distributionChart(dg, 'prompt-length-distribution', 'Prompt length sent (server\'s count)', 'prompt_tokens',
        'tokens');
      distributionChart(dg, 'output-length-distribution', 'Answer length received (server\'s count)',
        'completion_tokens', 'tokens');
    }
  }

  /* The server's gauges against time (first run of each series): one line per series, gaps where a reading lacked it. */
  function timelineChart(parent, id, title, key, yName) {
    var series = data.server_timelines.map(function (t) {
      var points = [];
      t.elapsed_s.forEach(function (x, i) { if (t[key][i] !== null && t[key][i] !== undefined) {
        points.push([x, Number(num(t[key][i], 3))]); } });
      return { type: 'line', name: t.series, showSymbol: points.length < 60, step: 'end', data: points };
    }).filter(function (s) { return s.data.length; });
    if (series.length === 0) { return; }
    chart(parent, id, title, {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 's since the run started', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: yName },
      series: series
    });
  }

  /* The server's TTFT (from the request's arrival) next to the client's (from its sending), per concurrency. */
  function ttftComparisonChart(parent) {
    var series = [];
    var color = 0;
    concurrencyLines('server_ttft_p50_ms').forEach(function (line) {
      var c = PALETTE[color++ % PALETTE.length];
      [['server_ttft_p50_ms', 'server p50', 'solid'], ['ttft_p50_ms', 'client p50', 'dashed'],
        ['server_ttft_p99_ms', 'server p99', 'dotted'], ['ttft_p99_ms', 'client p99', 'dashDot']].forEach(function (q) {
        var pts = line.points.filter(function (p) { return p[q[0]] && p[q[0]].mean !== undefined; });
        if (pts.length === 0) { return; }
        series.push({ type: 'line', name: line.name + ' ' + q[1], color: c, lineStyle: { type: q[2] === 'dashDot'
          ? [8, 3, 2, 3] : q[2] }, data: pts.map(function (p) { return [p.concurrency, Number(num(p[q[0]].mean, 3))]; }) });
      });
    });
    if (series.length === 0) { return; }
    chart(parent, 'server-ttft', 'TTFT: the server\'s vs the client\'s, per concurrency', {
      xAxis: { type: 'log', name: 'concurrency', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'ms' },
      series: series
    });
  }

  function serverSection() {
    if (!data.server_timelines) { return; }
    var s = section('server', 'Server view', 'What the server reported on its metrics endpoint while each level ran '
      + '(bench --server-metrics or --prometheus): requests waiting in its queue, requests in its running batch, '
      + 'KV-cache usage, and its own TTFT, measured from the request\'s arrival (so without the network and the '
      + 'client), next to the client\'s. Per-level figures are means over the readings taken during the level; '
      + 'server percentiles are estimated from its histogram buckets, so only as fine as those.');
    var g = grid(s);
    timelineChart(g, 'server-waiting-time', 'Queue depth (waiting requests) over time', 'waiting', 'requests');
    timelineChart(g, 'server-running-time', 'Running requests over time', 'running', 'requests');
    timelineChart(g, 'server-kv-time', 'KV-cache usage over time', 'kv_pct', '%');
    concurrencyChart(g, 'server-waiting', 'Mean queue depth vs concurrency', 'server_waiting_mean', 'requests', 1);
    concurrencyChart(g, 'server-kv', 'Mean KV-cache usage vs concurrency', 'server_kv_usage_pct', '%', 1);
    ttftComparisonChart(g);
  }

  function statusSection() {
    var st = data.status;
    var s = section('status', 'Status per level', 'Phase-relative labels: DEGRADED = SCALING p99 > 2 x BASELINE p99; '
      + 'SATURATED = SATURATION throughput < 1.05 x the previous level\'s; FAILING = success < 95 % (wins over the '
      + 'others).');
    var columns = [];
    st.levels.forEach(function (ls) { ls.forEach(function (l) { if (columns.indexOf(l) < 0) { columns.push(l); } }); });
    var cells = st.cells.map(function (c) {
      return { value: [columns.indexOf(c.level_name), c.series, st.statuses.indexOf(c.status)],
        name: c.status + ': ' + c.reason };
    });
    chart(s, 'status', 'Status by level', {
      grid: { left: 160, bottom: 110 },
      xAxis: { type: 'category', data: columns, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: 'category', data: st.series },
      visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, dimension: 2,
        pieces: st.statuses.map(function (name, i) { return { value: i, label: name, color: STATUS_COLORS[name] }; }) },
      series: [{ type: 'heatmap', name: 'status', data: cells, label: { show: columns.length <= 24,
        formatter: function (p) { return st.statuses[p.value[2]]; }, fontSize: 9 } }]
    });
    var table = el('table');
    var head = el('tr');
    ['series', 'level', 'status', 'success %', 'why'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    st.cells.forEach(function (c) {
      var tr = el('tr');
      tr.appendChild(el('td', null, st.series[c.series]));
      tr.appendChild(el('td', null, c.level_name));
      tr.appendChild(el('td', 'status-' + c.status, c.status));
      tr.appendChild(el('td', null, num(c.success_pct, 1)));
      tr.appendChild(el('td', null, c.reason));
      table.appendChild(tr);
    });
    var wrap = el('div', 'table-wrap');
    wrap.appendChild(table);
    s.appendChild(wrap);
  }

  function goodputSection() {
    var slo = null;
    data.series.forEach(function (s) { s.points.forEach(function (p) { if (p.slo) { slo = p.slo; } }); });
    if (!slo) { return; }
    var s = section('goodput', 'Goodput', 'Share of requests meeting the SLOs used (' + slo + '), and the tok/s '
      + 'those requests delivered.');
    var g = grid(s);
    var levels = [];
    data.series.forEach(function (se) { se.points.forEach(function (p) {
      var k = p.phase + ' ' + p.level; if (levels.indexOf(k) < 0) { levels.push(k); } }); });
    function bars(key) {
      return data.series.map(function (se) {
        var byLevel = {};
        se.points.forEach(function (p) { if (p[key]) { byLevel[p.phase + ' ' + p.level] = p[key].mean; } });
        return { type: 'bar', name: se.label, data: levels.map(function (l) {
          return byLevel[l] === undefined ? null : Number(num(byLevel[l], 2)); }) };
      });
    }
    var x = { type: 'category', data: levels, axisLabel: { rotate: 40, interval: 0 } };
    chart(g, 'goodput-share', 'Requests meeting SLOs (%)', { grid: { bottom: 110 }, xAxis: x,
      yAxis: { type: 'value', name: '%', max: 100 }, series: bars('goodput_pct') });
    chart(g, 'goodput-throughput', 'Goodput tok/s (total, SLO-meeting requests)', { grid: { bottom: 110 }, xAxis: x,
      yAxis: { type: 'value', name: 'tok/s' }, series: bars('goodput_tok_s') });
  }

  function normalizedSection() {
    if (!data.normalized) { return; }
    var s = section('normalized', 'Tokens/s per billion active parameters', 'Peak total tok/s divided by active '
      + 'parameters (log scale). Compare within one workload type: image tokens inflate vision totals.');
    chart(s, 'normalized', 'Peak tok/s per billion active parameters', {
      grid: { bottom: 90 },
      xAxis: { type: 'category', data: data.normalized.map(function (n) { return n.series + ' (' + n.workload + ')'; }),
        axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'log', name: 'tok/s per B active', logBase: 10 },
      series: [{ type: 'bar', name: 'tok/s per B active', label: { show: true, position: 'top',
        formatter: function (p) { return num(p.value, 1); } },
        data: data.normalized.map(function (n) { return Number(num(n.tok_s_per_active_b, 2)); }) }]
    });
  }

  function paretoSection() {
    if (!data.pareto) { return; }
    var p = data.pareto;
    var s = section('pareto', 'Pareto frontier', 'Throughput per GPU against ' + p.latency_metric + '; the frontier '
      + 'joins configurations no other beats on both.');
    var byConfig = {};
    p.points.forEach(function (pt) { (byConfig[pt.configuration] = byConfig[pt.configuration] || []).push(pt); });
    var series = Object.keys(byConfig).map(function (name) {
      return { type: 'scatter', name: name, symbolSize: 10, data: byConfig[name].map(function (pt) {
        return { value: [pt.latency_millis, pt.tokens_per_second_per_gpu], name: pt.configuration + ' ' + pt.load }; }) };
    });
    series.push({ type: 'line', name: 'frontier', step: false, color: '#222', lineStyle: { type: 'dashed' },
      data: p.frontier.map(function (pt) { return [pt.latency_millis, pt.tokens_per_second_per_gpu]; }) });
    chart(s, 'pareto', 'tok/s per GPU vs ' + p.latency_metric, {
      xAxis: { type: 'value', name: p.latency_metric + ' (ms)', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'tok/s per GPU' }, series: series
    }, true);
  }

  function advisorSection() {
    if (!data.advisor) { return; }
    var a = data.advisor;
    var s = section('advisor', 'Deployment plan', a.model + ' on ' + a.gpus + ' x ' + a.accelerator);
    s.appendChild(el('pre', 'config', a.command));
    var env = el('dl', 'kv');
    Object.keys(a.environment).sort().forEach(function (k) {
      env.appendChild(el('dt', null, k));
      env.appendChild(el('dd', null, a.environment[k]));
    });
    s.appendChild(env);
    var ul = el('ul');
    a.reasons.forEach(function (r) { ul.appendChild(el('li', null, r)); });
    s.appendChild(ul);
    var g = grid(s);
    var m = a.memory;
    var other = Math.max(0, m.gpu_memory_gib - m.weights_per_gpu_gib - m.kv_cache_per_gpu_gib);
    chart(g, 'memory', 'Per-GPU memory (GiB)', {
      xAxis: { type: 'value', name: 'GiB', max: m.gpu_memory_gib },
      yAxis: { type: 'category', data: ['per GPU'] },
      series: [
        { type: 'bar', stack: 'm', name: 'weights', data: [Number(num(m.weights_per_gpu_gib, 1))] },
        { type: 'bar', stack: 'm', name: 'KV cache', data: [Number(num(m.kv_cache_per_gpu_gib, 1))] },
        { type: 'bar', stack: 'm', name: 'other / headroom', data: [Number(num(other, 1))] }
      ]
    });
    if (a.memory_by_precision.length) {
      chart(g, 'memory-precision', 'Weights per GPU by precision (GiB)', {
        xAxis: { type: 'category', data: a.memory_by_precision.map(function (p) { return p.precision; }) },
        yAxis: { type: 'value', name: 'GiB' },
        series: [{ type: 'bar', name: 'weights per GPU', data: a.memory_by_precision.map(function (p) {
          return Number(num(p.weights_per_gpu_gib, 1)); }),
          markLine: { symbol: 'none', data: [{ yAxis: m.gpu_memory_gib, name: 'GPU memory' }] } }]
      });
    }
    var kv = el('dl', 'kv');
    [['KV cache bytes per token', m.kv_bytes_per_token], ['KV capacity (tokens)', m.kv_capacity_tokens],
      ['context (tokens)', m.context_tokens], ['concurrency that fits', m.concurrency_that_fits]]
      .forEach(function (r) { kv.appendChild(el('dt', null, r[0])); kv.appendChild(el('dd', null, r[1])); });
    s.appendChild(kv);
  }

  function tablesSection() {
    var s = section('tables', 'Tables', 'The study\'s tables; the same rows are written as Markdown and CSV.');
    data.tables.forEach(function (t) {
      s.appendChild(el('h3', null, t.title));
      if (t.note) { s.appendChild(el('p', 'note', t.note)); }
      var table = el('table');
      table.setAttribute('data-table', t.id);
      var head = el('tr');
      t.columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
      table.appendChild(head);
      var statusCol = t.columns.indexOf('status');
      t.rows.forEach(function (r) {
        var tr = el('tr');
        r.forEach(function (cell, i) { tr.appendChild(el('td', i === statusCol ? 'status-' + cell : null, cell)); });
        table.appendChild(tr);
      });
      var wrap = el('div', 'table-wrap');
      wrap.appendChild(table);
      s.appendChild(wrap);
    });
  }

  function runsSection() {
    var s = section('runs', 'Configuration and environment', 'What each run measured and with which client.');
    data.runs.forEach(function (r) {
      s.appendChild(el('h3', null, r.id));
      var dl = el('dl', 'kv');
      [['model', r.model], ['target', r.target], ['url', r.url], ['started', r.started],
        ['finished', r.finished || '(incomplete)'], ['complete', r.complete], ['peak level', r.peak_level || '-'],
        ['saturation point', r.saturation_point || '-'],
        ['client', r.tool.name + ' ' + r.tool.version], ['java', r.tool.java_version], ['os', r.tool.os],
        ['host', r.tool.host], ['cpus', r.tool.cpus]]
        .forEach(function (kv) { dl.appendChild(el('dt', null, kv[0])); dl.appendChild(el('dd', null, kv[1])); });
      s.appendChild(dl);
      s.appendChild(el('pre', 'config', JSON.stringify(r.config, null, 2)));
    });
  }

  /* report.html#selfcheck: the page reports on itself (for the browser test and for users debugging a report). */
  function selfCheck() {
    var result = {
      errors: window.__sbErrors.slice(), alerts: window.__sbAlerts, scripts: document.scripts.length,
      render_ms: Math.round(performance.now()), charts: charts.map(function (c) {
        var canvas = c.box.querySelector('canvas');
        var painted = 0;
        if (canvas && canvas.width > 0 && canvas.height > 0) {
          var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (var i = 3; i < px.length; i += 4) { if (px[i] !== 0) { painted++; } }
        }
        var series = c.chart.getOption().series || [];
        return { id: c.id, width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0, painted_pixels: painted,
          series: series.length, series_with_data: series.filter(function (x) { return x.data && x.data.length; }).length };
      }),
      tables: Array.prototype.map.call(document.querySelectorAll('table[data-table]'), function (t) {
        return { id: t.getAttribute('data-table'), rows: t.rows.length - 1 }; }),
      text: document.body.innerText.length
    };
    var out = document.getElementById('selfcheck');
    out.textContent = JSON.stringify(result);
    out.setAttribute('data-done', 'true');
  }

  try {
    overview();
    throughputSection();
    latencySection();
    serverSection();
    statusSection();
    goodputSection();
    normalizedSection();
    paretoSection();
    advisorSection();
    tablesSection();
    runsSection();
  } catch (e) {
    window.__sbErrors.push('report: ' + (e && e.stack ? e.stack : e));
    throw e;
  } finally {
    if (location.hash === '#selfcheck') { selfCheck(); }
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.resize(); }); });
}());
