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
