// Partner Center — small progressive enhancements; every page works without them.
document.addEventListener('DOMContentLoaded', function () {
  // A select marked data-autosubmit submits its form on change (the language switch).
  document.querySelectorAll('select[data-autosubmit]').forEach(function (sel) {
    sel.addEventListener('change', function () { sel.form.submit(); });
    var button = sel.form.querySelector('button[type=submit]');
    if (button) button.hidden = true;
  });
  // Fields shown only with a given checkbox checked (data-show-when="ID").
  document.querySelectorAll('[data-show-when]').forEach(function (el) {
    var box = document.getElementById(el.getAttribute('data-show-when'));
    if (!box) return;
    var update = function () { el.hidden = !box.checked; };
    box.addEventListener('change', update);
    update();
  });
});

// ---- Issue 16 — navigation: the menu's groups (<details>) open by click, tap, Enter or Space
// without script; with it, one group is open at a time and Escape or a click elsewhere closes it.
document.addEventListener('DOMContentLoaded', function () {
  var groups = document.querySelectorAll('details[data-menu]');
  var closeAll = function (except) {
    groups.forEach(function (d) { if (d !== except) d.open = false; });
  };
  groups.forEach(function (d) {
    d.addEventListener('toggle', function () { if (d.open) closeAll(d); });
    d.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && d.open) {
        d.open = false;
        d.querySelector('summary').focus();
      }
    });
  });
  document.addEventListener('click', function (e) {
    if (!e.target.closest || !e.target.closest('details[data-menu]')) closeAll(null);
  });
});
