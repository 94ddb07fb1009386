// The report's one small inline script: a tooltip for the trial under the pointer (marks with
// data-t, or the nearest dot of a point cloud), and the trial table's sorting, filtering and
// pages. The embedded JSON is parsed on first use, so that a large report opens at once.

/** The script's source (plain ES2017, no module, no request). */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var source = document.getElementById('kiln-data');
  if (!source) return;
  var data = null;
  var byNumber = {};
  function load() {
    if (data) return data;
    data = JSON.parse(source.textContent);
    if (data.trials) data.trials.rows.forEach(function (row) { byNumber[row[0]] = row; });
    return data;
  }
  function format(value) {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'number') return String(value);
    if (!isFinite(value)) return value > 0 ? 'inf' : '-inf';
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    var magnitude = Math.abs(value);
    if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7)) return value.toExponential(3);
    return String(Number(value.toPrecision(4)));
  }
  var tip = document.createElement('div');
  tip.className = 'tip';
  document.body.appendChild(tip);
  // The trial of the cloud dot nearest to the pointer, within 7 pixels of the chart.
  function nearest(svg, event) {
    var groups = svg.querySelectorAll('g.cloud');
    var matrix = svg.getScreenCTM();
    if (groups.length === 0 || !matrix) return null;
    var point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    var found = null;
    var closest = 49;
    Array.prototype.forEach.call(groups, function (group) {
      if (!group.points) {
        var text = group.getAttribute('data-points');
        group.points = text ? text.split(' ').map(Number) : [];
      }
      var list = group.points;
      for (var i = 0; i < list.length; i += 3) {
        var dx = list[i + 1] - point.x;
        var dy = list[i + 2] - point.y;
        if (dx * dx + dy * dy < closest) { closest = dx * dx + dy * dy; found = list[i]; }
      }
    });
    return found;
  }
  document.addEventListener('mousemove', function (event) {
    var target = event.target;
    var marked = target && target.closest ? target.closest('[data-t]') : null;
    var svg = target && target.closest ? target.closest('svg') : null;
    var trial = marked ? marked.getAttribute('data-t') : svg ? nearest(svg, event) : null;
    var columns = trial === null ? null : load().trials && load().trials.columns;
    var row = columns ? byNumber[trial] : undefined;
    if (!row) { tip.style.display = 'none'; return; }
    var lines = [];
    columns.forEach(function (name, i) {
      if (row[i] !== null && i !== columns.length - 1) lines.push(name + ': ' + format(row[i]));
    });
    if (row[columns.length - 1]) lines.push('error: ' + row[columns.length - 1]);
    tip.textContent = lines.join('\\n');
    tip.style.display = 'block';
    tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = Math.min(event.clientY + 14, window.innerHeight - tip.offsetHeight - 8) + 'px';
  });
  var body = document.getElementById('trials-body');
  var filterBox = document.getElementById('trials-filter');
  var pageLabel = document.getElementById('trials-page');
  if (!body || !filterBox || !pageLabel) return;
  var state = { column: 0, descending: false, page: 0, filter: '' };
  function render() {
    var table = load().trials;
    var columns = table.columns;
    var needle = state.filter.toLowerCase();
    var shown = table.rows.filter(function (row) {
      return !needle || row.some(function (v) { return v !== null && String(v).toLowerCase().indexOf(needle) >= 0; });
    });
    var c = state.column;
    var sign = state.descending ? -1 : 1;
    shown.sort(function (a, b) {
      var x = a[c], y = b[c];
      if (x === y) return a[0] - b[0];
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    });
    var pages = Math.max(1, Math.ceil(shown.length / table.pageSize));
    state.page = Math.min(state.page, pages - 1);
    var fragment = document.createDocumentFragment();
    shown.slice(state.page * table.pageSize, (state.page + 1) * table.pageSize).forEach(function (row) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-t', row[0]);
      if (row[0] === data.best) tr.className = 'best';
      row.forEach(function (value, i) {
        var td = document.createElement('td');
        td.textContent = format(value);
        if (table.numeric[i]) td.className = 'num';
        if (i === columns.length - 1 && value) td.className = 'error';
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    body.textContent = '';
    body.appendChild(fragment);
    pageLabel.textContent = shown.length + ' trials, page ' + (state.page + 1) + ' of ' + pages;
  }
  Array.prototype.forEach.call(document.querySelectorAll('#trials th'), function (th, i) {
    th.className = 'sortable';
    th.title = 'sort by ' + th.textContent;
    th.addEventListener('click', function () {
      state.descending = state.column === i ? !state.descending : false;
      state.column = i;
      render();
    });
  });
  filterBox.addEventListener('input', function () { state.filter = filterBox.value; state.page = 0; render(); });
  document.getElementById('trials-previous').addEventListener('click', function () { state.page = Math.max(0, state.page - 1); render(); });
  document.getElementById('trials-next').addEventListener('click', function () { state.page += 1; render(); });
})();
`;
