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
  // Narrow screens: the menu button (a link to #main-menu without script) opens and closes the
  // menu in place; Escape closes it and gives the focus back to the button.
  var menuButton = document.getElementById('menu-button');
  var menu = document.getElementById('main-menu');
  if (menuButton && menu) {
    var setOpen = function (open) {
      menu.classList.toggle('open', open);
      menuButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    };
    menuButton.setAttribute('role', 'button');
    menuButton.addEventListener('click', function (e) {
      e.preventDefault();
      setOpen(!menu.classList.contains('open'));
    });
    menuButton.addEventListener('keydown', function (e) {
      if (e.key === ' ') { e.preventDefault(); menuButton.click(); }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.classList.contains('open')) { setOpen(false); menuButton.focus(); }
    });
  }
});
