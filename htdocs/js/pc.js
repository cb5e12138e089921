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
  // Tables scroll sideways inside their box rather than stick out of their card: each table of the
  // page (not already in a box that scrolls) goes into a <div class="table-wrap">; a box that does
  // scroll and holds nothing focusable gets the focus itself, so the keyboard can scroll it too.
  // Without script, narrow screens get the same from pc.css (the table itself scrolls).
  document.querySelectorAll('main table').forEach(function (table) {
    for (var up = table.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(up).overflowX)) return;
    }
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
  });
  document.querySelectorAll('main .table-wrap, main .scroll').forEach(function (box) {
    if (box.scrollWidth > box.clientWidth && !box.querySelector('a[href], button, input, select, textarea, [tabindex]')) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      var table = box.querySelector('table');
      var title = (table && table.caption) || document.querySelector('main h1');
      if (title) box.setAttribute('aria-label', title.textContent.trim());
    }
  });
  // A tab bar that scrolls sideways (narrow screens) shows its current tab.
  document.querySelectorAll('nav.tabs ul.toolbar, nav.subtabs ul.toolbar, nav.toolbar').forEach(function (bar) {
    var current = bar.querySelector('a.primary, a[aria-current]');
    if (current && bar.scrollWidth > bar.clientWidth) bar.scrollLeft += current.getBoundingClientRect().left - bar.getBoundingClientRect().left - 16;
  });
});
