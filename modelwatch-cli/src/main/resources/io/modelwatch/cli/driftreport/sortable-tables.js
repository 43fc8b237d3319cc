// Sorts a table.sortable by the clicked column: numbers by their data-sort value, text by its content;
// empty cells go last either way. Marks the page once it is wired up.
(function () {
  function key(cell) {
    var sort = cell.getAttribute('data-sort');
    if (sort === null) {
      return cell.textContent.trim().toLowerCase();
    }
    return sort === '' ? null : Number(sort);
  }
  function compare(a, b) {
    if (a === null || b === null) {
      return a === b ? 0 : (a === null ? 1 : -1);
    }
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (header, column) {
      header.querySelector('button').addEventListener('click', function () {
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[column]);
          var b = key(y.cells[column]);
          if (a === null || b === null) {
            return compare(a, b);
          }
          return ascending ? compare(a, b) : compare(b, a);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.documentElement.setAttribute('data-report-ready', 'true');
})();
