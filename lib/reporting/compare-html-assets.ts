/** Inline CSS and JS for the compare page: one file, no external assets, works from file://. */

export const COMPARE_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
code { font: 12px ui-monospace, monospace; }
#filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
#filters fieldset { border: 1px solid #d0d7de; }
td.v-pass { background: #dafbe1; } td.v-fail { background: #ffebe9; }
.sym { font-weight: bold; display: inline-block; width: 1em; text-align: center; }
.v-pass .sym { color: #1a7f37; } .v-fail .sym { color: #cf222e; }
td.v-not-covered, td.v-absent { background: #f6f8fa; color: #57606a; }
td.v-skipped, td.v-inconclusive { background: #fff8c5; }
ul.legend { list-style: none; padding: 0; } ul.legend li { margin: .2rem 0; }
`;

export const COMPARE_JS = `
(function () {
  var family = document.getElementById('family-filter');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#verdict-filter input[type=checkbox]'));
  var differs = document.getElementById('differs-filter');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#matrix tbody tr'));
  var count = document.getElementById('shown-count');
  function apply() {
    var wanted = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var verdicts = row.getAttribute('data-verdicts').split(' ');
      var visible = (family.value === '' || row.getAttribute('data-family') === family.value) &&
        verdicts.some(function (v) { return wanted.indexOf(v) >= 0; }) &&
        (!differs.checked || row.getAttribute('data-differs') === 'true');
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' rules shown';
  }
  family.addEventListener('change', apply);
  differs.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
`;
