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

  /*
   * One chart in a panel; options get shared defaults (no animation: the page must be complete when loaded).
   * The legend is HTML above the canvas: every name in full, wrapping onto as many lines as it needs (an ECharts
   * legend in one row pages its entries and cuts long names). Series sharing a legendGroup share one entry;
   * option.legendKey adds entries that explain line styles. height: px (a number) or true for the tall size.
   */
  function chart(parent, id, title, option, height) {
    var panel = el('div', 'panel');
    panel.appendChild(el('h3', null, title));
    var legend = el('div', 'legend');
    legend.setAttribute('data-legend', id);
    panel.appendChild(legend);
    var box = el('div', height === true ? 'chart tall' : 'chart');
    if (typeof height === 'number') { box.style.height = height + 'px'; }
    box.id = 'chart-' + id;
    box.setAttribute('data-chart', id);
    panel.appendChild(box);
    parent.appendChild(panel);
    var c = echarts.init(box, null, { renderer: 'canvas' });
    var entry = { id: id, chart: c, box: box, legend: legend, update: function (o) { draw(o, true); } };
    function draw(o, replace) {
      o.animation = false;
      o.tooltip = Object.assign({ trigger: 'item', renderMode: 'richText', confine: true }, o.tooltip || {});
      o.grid = Object.assign({ left: 70, right: 30, top: 36, bottom: 60, containLabel: false }, o.grid || {});
      var colors = {};
      var next = 0;
      (o.series || []).forEach(function (se) {
        var key = se.legendGroup || se.name;
        if (se.type === 'heatmap') { return; }
        if (!se.color) { se.color = colors[key] || PALETTE[next++ % PALETTE.length]; }
        if (!colors[key]) { colors[key] = se.color; }
      });
      // ECharts' own legend is kept (hidden) for its toggle action; the HTML one is what the reader sees.
      o.legend = { show: false };
      c.setOption(o, replace === true);
      drawLegend(o);
    }
    function drawLegend(o) {
      legend.textContent = '';
      var groups = [];
      var byKey = {};
      (o.series || []).forEach(function (se) {
        if (se.type === 'heatmap' || se.legend === false) { return; }
        var key = se.legendGroup || se.name;
        if (!byKey[key]) {
          byKey[key] = { label: key, color: se.color, dash: se.legendGroup ? 'solid' : (se.lineStyle && se.lineStyle.type) || 'solid', names: [] };
          groups.push(byKey[key]);
        }
        if (byKey[key].names.indexOf(se.name) < 0) { byKey[key].names.push(se.name); }
      });
      if (groups.length < 2 && !o.legendKey) { legend.hidden = true; return; }
      legend.hidden = false;
      groups.forEach(function (g) {
        var b = el('button');
        b.type = 'button';
        b.title = 'show or hide ' + g.label;
        var sw = el('span', 'swatch');
        sw.style.borderTopColor = g.color;
        sw.style.borderTopStyle = typeof g.dash === 'string' ? g.dash : 'dashed';
        b.appendChild(sw);
        b.appendChild(document.createTextNode(g.label));
        b.addEventListener('click', function () {
          g.names.forEach(function (n) { c.dispatchAction({ type: 'legendToggleSelect', name: n }); });
          b.classList.toggle('off');
        });
        legend.appendChild(b);
      });
      (o.legendKey || []).forEach(function (k) {
        var span = el('span', 'key');
        var sw = el('span', 'swatch');
        sw.style.borderTopColor = '#5c6670';
        sw.style.borderTopStyle = k.dash;
        span.appendChild(sw);
        span.appendChild(document.createTextNode(k.label));
        legend.appendChild(span);
      });
    }
    draw(option);
    charts.push(entry);
    return entry;
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
        series.push({ type: 'line', name: line.name + ' ' + q, legendGroup: line.name, color: c,
          lineStyle: { type: styles[q] }, data: pts.map(function (p) { return [p.concurrency, Number(num(p[key].mean, 3))]; }) });
      });
    });
    if (series.length === 0) { return; }
    chart(parent, id, title, {
      xAxis: { type: 'log', name: 'concurrency', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: unit },
      series: series,
      legendKey: [{ label: 'p50', dash: 'solid' }, { label: 'p95', dash: 'dashed' }, { label: 'p99', dash: 'dotted' }]
    });
  }

  /*
   * The distributions' charts show one series' levels, at most MAX_CURVES at a time: the levels are grouped by
   * phase (BASELINE with SCALING), a group of more split into runs of neighbouring levels. Buttons above the
   * charts pick the series and the group; every level of every series is one click away.
   */
  var MAX_CURVES = 6;
  function distributionGroups(views) {
    var bySeries = [];
    var seriesIndex = {};
    views.forEach(function (d) {
      if (seriesIndex[d.series] === undefined) { seriesIndex[d.series] = bySeries.length; bySeries.push({ series: d.series, phases: [], byPhase: {} }); }
      var s = bySeries[seriesIndex[d.series]];
      var phase = String(d.level).split(' ')[0];
      if (phase === 'BASELINE') { phase = 'SCALING'; }
      if (!s.byPhase[phase]) { s.byPhase[phase] = []; s.phases.push(phase); }
      s.byPhase[phase].push(d);
    });
    return bySeries.map(function (s) {
      var groups = [];
      s.phases.forEach(function (phase) {
        var levels = s.byPhase[phase];
        var parts = Math.ceil(levels.length / MAX_CURVES);
        var size = Math.ceil(levels.length / parts);
        for (var i = 0; i < levels.length; i += size) {
          var chunk = levels.slice(i, i + size);
          var label = phase === 'SCALING' && chunk[0].level.indexOf('BASELINE') === 0 ? 'BASELINE + SCALING' : phase;
          if (parts > 1) {
            label += ' ' + levelTail(chunk[0].level) + ' \u2026 ' + levelTail(chunk[chunk.length - 1].level);
          }
          groups.push({ label: label, views: chunk });
        }
      });
      return { series: s.series, groups: groups };
    });
  }
  function levelTail(level) {
    var parts = String(level).split(' ');
    return parts[parts.length - 1];
  }

  function distributionOption(views, key, unit, log) {
    return {
      tooltip: { trigger: 'item' },
      xAxis: log ? { type: 'log', name: unit + ' (log scale)', nameLocation: 'middle', nameGap: 30, logBase: 10 }
        : { type: 'value', name: unit, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'percentile', min: 0, max: 100 },
      series: views.map(function (d) {
        return { type: 'line', name: d.level, showSymbol: false,
          data: d[key].map(function (v, i) { return [v, data.percentiles[i]]; }) };
      })
    };
  }

  function distributionSection() {
    var all = data.distributions || [];
    if (all.length === 0) { return; }
    var metrics = [['ttft-distribution', 'TTFT distribution', 'ttft_ms', 'ms'],
      ['itl-distribution', 'Inter-token latency distribution', 'itl_ms', 'ms'],
      ['latency-distribution', 'End-to-end latency distribution', 'latency_s', 's'],
      ['prompt-length-distribution', 'Prompt length sent (server\'s count)', 'prompt_tokens', 'tokens'],
      ['output-length-distribution', 'Answer length received (server\'s count)', 'completion_tokens', 'tokens']];
    var series = distributionGroups(all);
    var d = section('distributions', 'Distributions', 'Cumulative distributions per level from requests.jsonl '
      + '(first run of each series), at most ' + MAX_CURVES + ' levels a chart: pick the '
      + (series.length > 1 ? 'series and the ' : '') + 'levels below.');
    var picker = el('div', 'picker');
    d.appendChild(picker);
    var dg = grid(d);
    var state = { series: 0, group: 0 };
    var drawn = [];
    metrics.forEach(function (m) {
      var views = all.filter(function (v) { return v[m[2]] && v[m[2]].length; });
      if (views.length === 0) { return; }
      // One scale for every group of a metric, so switching groups does not switch between log and linear.
      var lo = Infinity, hi = 0;
      views.forEach(function (v) { v[m[2]].forEach(function (x) { lo = Math.min(lo, x); hi = Math.max(hi, x); }); });
      drawn.push({ metric: m, log: lo > 0 && hi / lo >= 10, chart: null });
    });
    function shown(metric) {
      return series[state.series].groups[state.group].views.filter(function (v) { return v[metric[2]] && v[metric[2]].length; });
    }
    function render() {
      drawn.forEach(function (x) {
        var option = distributionOption(shown(x.metric), x.metric[2], x.metric[3], x.log);
        if (x.chart) { x.chart.update(option); } else { x.chart = chart(dg, x.metric[0], x.metric[1], option, true); }
      });
      Array.prototype.forEach.call(picker.querySelectorAll('button'), function (b) {
        var on = b.getAttribute('data-kind') === 'series' ? Number(b.getAttribute('data-i')) === state.series
          : Number(b.getAttribute('data-i')) === state.group;
        b.classList.toggle('on', on);
      });
    }
    function buttons(kind, labels, onPick) {
      var row = el('div', 'picker');
      row.appendChild(el('span', 'label', kind === 'series' ? 'Series:' : 'Levels:'));
      labels.forEach(function (label, i) {
        var b = el('button', null, label);
        b.type = 'button';
        b.setAttribute('data-kind', kind);
        b.setAttribute('data-i', String(i));
        b.addEventListener('click', function () { onPick(i); });
        row.appendChild(b);
      });
      return row;
    }
    var groupRow = null;
    function groupButtons() {
      var row = buttons('group', series[state.series].groups.map(function (g) { return g.label + ' (' + g.views.length + ')'; }),
        function (i) { state.group = i; render(); });
      if (groupRow) { picker.replaceChild(row, groupRow); } else { picker.appendChild(row); }
      groupRow = row;
    }
    if (series.length > 1) {
      picker.appendChild(buttons('series', series.map(function (x) { return x.series; }), function (i) {
        state.series = i;
        state.group = Math.min(state.group, series[i].groups.length - 1);
        groupButtons();
        render();
      }));
    }
    groupButtons();
    render();
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
    distributionSection();
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
        series.push({ type: 'line', name: line.name + ' ' + q[1], legendGroup: line.name, color: c,
          lineStyle: { type: q[2] === 'dashDot' ? [8, 3, 2, 3] : q[2] },
          data: pts.map(function (p) { return [p.concurrency, Number(num(p[q[0]].mean, 3))]; }) });
      });
    });
    if (series.length === 0) { return; }
    chart(parent, 'server-ttft', 'TTFT: the server\'s vs the client\'s, per concurrency', {
      xAxis: { type: 'log', name: 'concurrency', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'ms' },
      series: series,
      legendKey: [{ label: 'server p50', dash: 'solid' }, { label: 'client p50', dash: 'dashed' },
        { label: 'server p99', dash: 'dotted' }, { label: 'client p99 (dash-dot)', dash: 'dashed' }]
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
    /* The status key sits above the plot and the grid holds its rotated level names and wrapped series names
       (containLabel), so neither covers the other; a row per series, whatever their number. */
    chart(s, 'status', 'Status by level', {
      grid: { left: 10, right: 20, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: columns, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: 'category', data: st.series, axisLabel: { width: 240, overflow: 'break', lineHeight: 14 } },
      visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', top: 0, dimension: 2,
        pieces: st.statuses.map(function (name, i) { return { value: i, label: name, color: STATUS_COLORS[name] }; }) },
      series: [{ type: 'heatmap', name: 'status', data: cells, label: { show: columns.length <= 24,
        formatter: function (p) { return st.statuses[p.value[2]]; }, fontSize: 9 } }]
    }, 200 + 56 * st.series.length);
    var table = el('table');
    var head = el('tr');
    ['series', 'level', 'status', 'success %', 'why'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    st.cells.forEach(function (c) {
      var tr = el('tr');
      tr.appendChild(sbPage.cell(st.series[c.series], 'label'));
      tr.appendChild(sbPage.cell(c.level_name));
      tr.appendChild(sbPage.cell(c.status, 'status-' + c.status));
      tr.appendChild(sbPage.cell(num(c.success_pct, 1)));
      tr.appendChild(sbPage.cell(c.reason));
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
    /* containLabel keeps the y-axis labels in, not the first rotated level name, which reaches left of the first
       bar: room for it, whatever the width of the y labels ("100" against "3,000"). */
    var labelled = { left: 60, right: 20, bottom: 10, containLabel: true };
    chart(g, 'goodput-share', 'Requests meeting SLOs (%)', { grid: labelled, xAxis: x,
      yAxis: { type: 'value', name: '%', max: 100 }, series: bars('goodput_pct') });
    chart(g, 'goodput-throughput', 'Goodput tok/s (total, SLO-meeting requests)', { grid: labelled, xAxis: x,
      yAxis: { type: 'value', name: 'tok/s' }, series: bars('goodput_tok_s') });
  }

  function normalizedSection() {
    if (!data.normalized) { return; }
    var s = section('normalized', 'Tokens/s per billion active parameters', 'Peak total tok/s divided by active '
      + 'parameters (log scale when they span a decade). Compare within one workload type: image tokens inflate vision totals.');
    var values = data.normalized.map(function (n) { return n.tok_s_per_active_b; });
    // A log axis over one value (or a narrow range) has no extent and draws no bar.
    var log = Math.min.apply(null, values) > 0 && Math.max.apply(null, values) / Math.min.apply(null, values) >= 10;
    chart(s, 'normalized', 'Peak tok/s per billion active parameters', {
      grid: { left: 40, right: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: data.normalized.map(function (n) { return n.series + ' (' + n.workload + ')'; }),
        // A name broken over lines hangs below the axis, its first line level with the one-line names.
        axisLabel: { interval: 0, width: Math.max(120, Math.floor(1100 / data.normalized.length) - 20), overflow: 'break',
          verticalAlign: 'top', lineHeight: 16, margin: 10 } },
      yAxis: log ? { type: 'log', name: 'tok/s per B active', logBase: 10 } : { type: 'value', name: 'tok/s per B active' },
      series: [{ type: 'bar', name: 'tok/s per B active', barMaxWidth: 90, label: { show: true, position: 'top',
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
      // The axis ends at the GPU's memory (178.81… GiB for 192 GB): its own label would print every digit over the
      // last round tick, so the capacity is in the axis name instead.
      xAxis: { type: 'value', name: 'GiB (of ' + num(m.gpu_memory_gib, 1) + ' per GPU)', max: m.gpu_memory_gib,
        nameLocation: 'middle', nameGap: 30, axisLabel: { showMaxLabel: false } },
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
      t.columns.forEach(function (c) { head.appendChild(sbPage.header(c)); });
      table.appendChild(head);
      var statusCol = t.columns.indexOf('status');
      t.rows.forEach(function (r) {
        var tr = el('tr');
        r.forEach(function (cell, i) {
          var className = i === statusCol ? 'status-' + cell : (i === 0 && /\s/.test(cell) ? 'label' : null);
          tr.appendChild(sbPage.cell(cell, className));
        });
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
        var legendOverflow = c.legend.hidden ? 0 : c.legend.scrollHeight - c.legend.clientHeight;
        var legendOption = (c.chart.getOption().legend || [])[0] || {};
        return { id: c.id, width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0, painted_pixels: painted,
          box_height: c.box.clientHeight, legend_items: c.legend.hidden ? 0 : c.legend.children.length,
          legend_scrolls: legendOverflow > 1, echarts_legend_shown: legendOption.show !== false,
          series: series.length, series_with_data: series.filter(function (x) { return x.data && x.data.length; }).length };
      }),
      tables: Array.prototype.map.call(document.querySelectorAll('table[data-table]'), function (t) {
        return { id: t.getAttribute('data-table'), rows: t.rows.length - 1 }; }),
      text: document.body.innerText.length,
      layout: sbPage.layout()
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
