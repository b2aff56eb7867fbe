// Charts and small conveniences. No inline script anywhere (the Content-Security-Policy forbids it):
// the server puts each chart's ECharts option, as JSON, in the data-chart attribute of its element.
(function () {
  'use strict';

  function renderCharts() {
    if (typeof window.echarts === 'undefined') {
      return;
    }
    var charts = [];
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      element.style.height = (element.getAttribute('data-height') || '320') + 'px';
      var chart = window.echarts.init(element, null, { renderer: 'svg' });
      chart.setOption(JSON.parse(element.getAttribute('data-chart')));
      element.setAttribute('data-rendered', 'true');
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
