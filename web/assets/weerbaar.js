// Weerbaar's own script. The Content-Security-Policy allows no inline script, so every
// behaviour of the pages lives here and is attached through data- attributes.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // htmx requests carry the session's CSRF token in a header.
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  // After a failed submit, move focus to the list of problems so screen readers announce it.
  function focusErrors() {
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
  }

  function wirePrint() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  function wireConfirm() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
      });
    });
  }

  // <canvas data-chart='{"type":"bar","labels":[...],"datasets":[...]}'> beside a table
  // with the same numbers (the table is what assistive technology reads).
  function drawCharts() {
    if (typeof window.Chart === 'undefined') return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec;
      try { spec = JSON.parse(canvas.getAttribute('data-chart')); } catch (e) { return; }
      var palette = ['#154273', '#d52b1e', '#39870c', '#e17000', '#007bc7', '#8fcae7'];
      spec.datasets.forEach(function (set, i) {
        set.backgroundColor = palette[i % palette.length];
      });
      new window.Chart(canvas, {
        type: spec.type || 'bar',
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          animation: false,
          responsive: true,
          plugins: { legend: { position: 'bottom' } },
          scales: spec.percent ? { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } } } : {}
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    focusErrors();
    wirePrint();
    wireConfirm();
    drawCharts();
  });
})();
