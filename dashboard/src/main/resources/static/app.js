// Charts and small conveniences. No inline script anywhere (the Content-Security-Policy forbids it):
// the server puts each chart's ECharts option, as JSON, in the data-chart attribute of its element.
(function () {
  'use strict';

  // ---------------------------------------------------------------- numbers and dates as the page writes them
  // (vn.da06.dashboard.web.Lang): 38.451 and 84,2 % in Vietnamese, 38,451 and 84.2 % in English.

  function separators() {
    return document.documentElement.lang === 'en'
      ? { group: ',', decimal: '.' }
      : { group: '.', decimal: ',' };
  }

  function number(value, digits) {
    var s = separators();
    var parts = Math.abs(value).toFixed(digits).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, s.group);
    var negative = value < 0 && Number(parts.join('.')) !== 0;
    return (negative ? '-' : '') + whole + (parts[1] ? s.decimal + parts[1] : '');
  }

  /** A value in a chart's format (Charts.Format): percent (already x 100), count, decimal. */
  function formatValue(value, format, onAxis) {
    if (value === null || value === undefined || value === '' || value === '-' || isNaN(value)) {
      return '–';
    }
    value = Number(value);
    var oneDecimal = Math.round(value * 10) % 10 !== 0;
    if (format === 'percent') {
      // axis ticks (20, 40...) without a decimal; a figure always with one, as the tables write it
      return number(value, onAxis && !oneDecimal ? 0 : 1) + ' %';
    }
    if (format === 'count') {
      return number(value, 0);
    }
    return number(value, oneDecimal ? 1 : 0);
  }

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /** A time axis value (ms) as 07/2025 (months) or 31/07/2025 (days). */
  function formatDate(time, dates) {
    var date = new Date(time);
    var month = two(date.getMonth() + 1) + '/' + date.getFullYear();
    return dates === 'day' ? two(date.getDate()) + '/' + month : month;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function pointValue(point, meta) {
    var value = point.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      value = value.value;
    }
    if (Array.isArray(value)) {
      return value[meta.valueIndex !== undefined ? meta.valueIndex : 1];
    }
    return value;
  }

  function tooltipFormatter(meta, option) {
    return function (params) {
      var points = Array.isArray(params) ? params : [params];
      if (points.length === 0) {
        return '';
      }
      var first = points[0];
      var header;
      if (Array.isArray(params)) {
        header = option.xAxis && option.xAxis.type === 'time'
          ? formatDate(first.axisValue, meta.dates)
          : first.axisValueLabel;
      } else if (first.seriesType === 'heatmap') {
        var cell = first.value;
        header = option.yAxis.data[cell[1]] + ' · ' + option.xAxis.data[cell[0]];
      } else {
        header = first.name;
      }
      var lines = [escapeHtml(header)];
      points.forEach(function (point) {
        lines.push(point.marker + escapeHtml(point.seriesName) + ': <b>'
          + escapeHtml(formatValue(pointValue(point, meta), meta.format, false)) + '</b>');
      });
      return lines.join('<br>');
    };
  }

  /** Formatters are functions, which JSON cannot carry: they are added here from the option's da06 entry. */
  function localise(option, width) {
    var meta = option.da06 || {};
    delete option.da06;
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (axis.type === 'value') {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (value) {
          return formatValue(value, meta.format, true);
        };
      }
    });
    // long category labels (ward, service) take at most 40 % of a narrow chart (a phone)
    [].concat(option.yAxis || []).forEach(function (axis) {
      if (axis.type === 'category' && axis.axisLabel && axis.axisLabel.width && width) {
        axis.axisLabel.width = Math.min(axis.axisLabel.width, Math.round(width * 0.4));
      }
    });
    if (option.tooltip) {
      option.tooltip.formatter = tooltipFormatter(meta, option);
    }
    return option;
  }

  // ---------------------------------------------------------------- rendering

  /**
   * Renders every chart; when all have drawn (ECharts' 'finished'), the time since navigation start
   * goes into <html data-charts-finished> (read by the dashboard bench and the browser tests).
   */
  function renderCharts() {
    var elements = document.querySelectorAll('[data-chart]');
    var pending = elements.length;
    function finishedOne() {
      pending -= 1;
      if (pending === 0) {
        document.documentElement.setAttribute('data-charts-finished', performance.now().toFixed(1));
      }
    }
    if (pending === 0 || typeof window.echarts === 'undefined') {
      document.documentElement.setAttribute('data-charts-finished', performance.now().toFixed(1));
      return;
    }
    var charts = [];
    elements.forEach(function (element) {
      element.style.height = (element.getAttribute('data-height') || '320') + 'px';
      var chart = window.echarts.init(element, null, { renderer: 'svg' });
      chart.on('finished', function onFinished() {
        chart.off('finished', onFinished);
        element.setAttribute('data-rendered', 'true');
        finishedOne();
      });
      chart.setOption(localise(JSON.parse(element.getAttribute('data-chart')), element.clientWidth));
      charts.push(chart);
    });
    window.addEventListener('resize', function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
    window.addEventListener('beforeprint', function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  function wireControls() {
    document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      select.addEventListener('change', function () { select.form.submit(); });
    });
    document.querySelectorAll('[data-menu-toggle]').forEach(function (button) {
      document.body.classList.add('menu-folds');
      button.addEventListener('click', function () {
        var open = document.body.classList.toggle('menu-open');
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    });
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    wireControls();
    renderCharts();
  });
})();
