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

  // After htmx replaced a part of the page: focus moves to what the new part marks with
  // data-focus (or to its list of problems), because the element that had focus may be gone;
  // and the live region (#wb-live, in every page) says what data-announce holds. A live region
  // that arrives with the new part would not be read out: it must exist before it changes.
  document.addEventListener('htmx:afterSettle', function (event) {
    var target = event.detail.target;
    if (target && !target.isConnected) {
      // outerHTML: the old element left the page; its successor has the same id.
      target = target.id ? document.getElementById(target.id) : null;
    }
    var scope = target && target.isConnected ? target : document;
    var focus = scope.querySelector('#error-summary') || scope.querySelector('[data-focus]');
    if (!focus && scope !== document && scope.matches('[data-focus]')) focus = scope;
    if (focus) focus.focus();
    var announce = scope !== document && scope.matches('[data-announce]') ? scope : scope.querySelector('[data-announce]');
    var live = document.getElementById('wb-live');
    if (live && announce) {
      live.textContent = '';
      window.setTimeout(function () { live.textContent = announce.getAttribute('data-announce'); }, 100);
    }
    if (scope !== document) wireConfirm(scope);
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

  function wireConfirm(scope) {
    (scope || document).querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
      });
    });
  }

  function wrap(text, width) {
    var lines = [];
    var line = '';
    text.split(' ').forEach(function (word) {
      if (line && (line + ' ' + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : text;
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
      // Long labels wrap onto lines of about 20 characters under their bar; the tooltip has
      // the full title where the label is a short one (spec.titles).
      var labels = spec.labels.map(function (label) { return wrap(String(label), 20); });
      new window.Chart(canvas, {
        type: spec.type || 'bar',
        data: { labels: labels, datasets: spec.datasets },
        options: {
          animation: false,
          responsive: true,
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { title: function (items) {
              var i = items.length ? items[0].dataIndex : 0;
              return spec.titles ? spec.titles[i] : spec.labels[i];
            } } }
          },
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
