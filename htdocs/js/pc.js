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
    var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
    if (scrolls && !box.querySelector('a[href], button, input, select, textarea, [tabindex]')) {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      var table = box.querySelector('table');
      var title = (table && table.caption) || document.querySelector('main h1');
      if (title) box.setAttribute('aria-label', title.textContent.trim());
    }
  });
  // A tab bar that scrolls sideways (narrow screens) shows its current tab.
  document.querySelectorAll('nav.tabs ul.tab-list, nav.tabs ul.toolbar, nav.subtabs ul.toolbar, nav.toolbar').forEach(function (bar) {
    var current = bar.querySelector('a.primary, a[aria-current]');
    if (current && bar.scrollWidth > bar.clientWidth) bar.scrollLeft += current.getBoundingClientRect().left - bar.getBoundingClientRect().left - 16;
  });
});

// ---- Issue 16, dialogs: dialogs over lists, confirmations, selection, eye toggle. ----
// Strings come from the page (#pc-ui, rendered from conf/lang by footer.cs), never from here.
(function () {
  'use strict';
  var ui = function (key, fallback) {
    var el = document.getElementById('pc-ui');
    return (el && el.getAttribute('data-' + key)) || fallback || '';
  };

  // One modal <dialog> at a time; it remembers who opened it to give the focus back.
  var openDialog = function (opener, build) {
    var dlg = document.createElement('dialog');
    dlg.className = 'pc-dialog';
    var head = document.createElement('div');
    head.className = 'pc-dialog-head';
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'pc-dialog-close';
    close.setAttribute('data-close', '');
    close.textContent = ui('close', 'Close');
    var body = document.createElement('div');
    body.className = 'pc-dialog-body';
    head.appendChild(close);
    dlg.appendChild(head);
    dlg.appendChild(body);
    document.body.appendChild(dlg);
    dlg.addEventListener('click', function (e) {
      var t = e.target.closest('[data-close]');
      if (t && dlg.contains(t)) { e.preventDefault(); dlg.close(); }
    });
    // Tab and Shift+Tab cycle inside the dialog (showModal makes the page inert; this keeps the
    // focus off the browser's own controls as well).
    dlg.addEventListener('keydown', function (e) {
      if (e.key !== 'Tab') return;
      var f = Array.prototype.filter.call(dlg.querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'),
        function (el) { return el.offsetParent !== null; });
      if (!f.length) return;
      var first = f[0], last = f[f.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    });
    dlg.addEventListener('close', function () {
      dlg.remove();
      if (opener && document.contains(opener)) opener.focus();
    });
    build(dlg, body);
    dlg.showModal();
    var focus = body.querySelector('[aria-invalid=true], input:not([type=hidden]):not([disabled]), select, textarea, button');
    (focus || close).focus();
    return dlg;
  };

  // The content of a page (its first section in main) put into a dialog: the h1 becomes the
  // dialog's label, Cancel links close it, its forms submit with fetch.
  var fill = function (dlg, body, html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var section = doc.querySelector('main section') || doc.querySelector('main');
    body.innerHTML = '';
    if (!section) return false;
    var flash = doc.querySelector('main > .flash');
    if (flash) body.appendChild(document.importNode(flash, true));
    Array.prototype.forEach.call(section.childNodes, function (n) {
      body.appendChild(document.importNode(n, true));
    });
    var h = body.querySelector('h1');
    if (h) {
      var h2 = document.createElement('h2');
      h2.innerHTML = h.innerHTML;
      h2.id = 'pc-dialog-title';
      h.replaceWith(h2);
      dlg.setAttribute('aria-labelledby', 'pc-dialog-title');
    }
    body.querySelectorAll('a.button').forEach(function (a) {
      if (/^(cancel|back)$/i.test(a.getAttribute('data-role') || '') || a.closest('form')) a.setAttribute('data-close', '');
    });
    body.querySelectorAll('form[method=post]').forEach(function (form) { submitInDialog(dlg, body, form); });
    var focus = body.querySelector('[aria-invalid=true], input:not([type=hidden]):not([disabled]), select, textarea');
    if (focus) focus.focus();
    return true;
  };

  var post = function (url, form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', redirect: 'follow',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(data).toString()
    });
  };

  // A POST answered with a redirect is done: follow it. Any other answer (a form with field errors,
  // a refusal with its reason) is shown inside the dialog.
  var answer = function (dlg, body, res) {
    if (res.redirected) { window.location.assign(res.url); return; }
    return res.text().then(function (html) {
      dlg.setAttribute('aria-busy', 'false');
      if (!fill(dlg, body, html)) window.location.assign(res.url);
    });
  };

  var submitInDialog = function (dlg, body, form) {
    form.addEventListener('submit', function (e) {
      var sub = e.submitter;
      if (asker(form, sub) && !confirmed(form)) return;
      var action = (sub && sub.getAttribute('formaction')) || form.getAttribute('action');
      // the verification-code button leaves the dialog for its own page flow
      if (sub && sub.getAttribute('formaction') && !sub.hasAttribute('data-dialog')) return;
      e.preventDefault();
      dlg.setAttribute('aria-busy', 'true');
      post(action, form, sub).then(function (res) { return answer(dlg, body, res); })
        .catch(function () { form.submit(); });
    });
  };

  var loadInto = function (opener, request) {
    openDialog(opener, function (dlg, body) {
      dlg.setAttribute('aria-busy', 'true');
      request().then(function (res) { return answer(dlg, body, res); })
        .catch(function () { dlg.close(); });
    });
  };

  // ---- Confirmations: form[data-confirm] asks first; the answer adds confirm=1 ----
  // the element that asks: the submit button (data-confirm on it) or else the form
  var asker = function (form, submitter) {
    if (submitter && submitter.hasAttribute('data-confirm')) return submitter;
    return form.hasAttribute('data-confirm') ? form : null;
  };
  var confirmed = function (form) { return !!form.querySelector('input[name=confirm][value="1"]'); };
  var confirmForm = function (form, submitter) {
    var opener = submitter || form.querySelector('[type=submit]');
    var src = asker(form, submitter);
    openDialog(opener, function (dlg, body) {
      dlg.setAttribute('role', 'alertdialog');
      var h = document.createElement('h2');
      h.id = 'pc-confirm-title';
      h.textContent = src.getAttribute('data-confirm-title') || src.getAttribute('data-confirm');
      dlg.setAttribute('aria-labelledby', 'pc-confirm-title');
      body.appendChild(h);
      if (src.getAttribute('data-confirm-title')) {
        var p = document.createElement('p');
        p.id = 'pc-confirm-text';
        p.textContent = src.getAttribute('data-confirm');
        body.appendChild(p);
        dlg.setAttribute('aria-describedby', 'pc-confirm-text');
      }
      var bar = document.createElement('p');
      bar.className = 'toolbar';
      var ok = document.createElement('button');
      ok.type = 'button';
      ok.className = 'danger';
      ok.id = 'confirm-ok';
      ok.textContent = src.getAttribute('data-confirm-ok') || (opener && opener.textContent) || 'OK';
      var no = document.createElement('button');
      no.type = 'button';
      no.id = 'confirm-cancel';
      no.setAttribute('data-close', '');
      no.textContent = ui('cancel', 'Cancel');
      bar.appendChild(ok);
      bar.appendChild(no);
      body.appendChild(bar);
      ok.addEventListener('click', function () {
        var yes = document.createElement('input');
        yes.type = 'hidden';
        yes.name = 'confirm';
        yes.value = '1';
        form.appendChild(yes);
        if (submitter && submitter.name) {
          var s = document.createElement('input');
          s.type = 'hidden';
          s.name = submitter.name;
          s.value = submitter.value;
          form.appendChild(s);
        }
        if (submitter && submitter.getAttribute('formaction')) form.setAttribute('action', submitter.getAttribute('formaction'));
        dlg.close();
        form.submit();
      });
      setTimeout(function () { no.focus(); }, 0);
    });
  };

  // ---- Selection: buttons that need checked rows, a count, select all ----
  var selection = function (scope) {
    var boxes = scope.querySelectorAll('input[type=checkbox][name=ids]');
    var n = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    scope.querySelectorAll('[data-needs-selection]').forEach(function (b) { b.disabled = n === 0; });
    scope.querySelectorAll('[data-selection-count]').forEach(function (el) {
      el.hidden = false;
      el.textContent = ui('selected', '{n} selected').replace('{n}', n);
    });
    scope.querySelectorAll('input[data-select-all]').forEach(function (all) {
      all.hidden = false;
      all.checked = boxes.length > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    });
  };
  var selectionScope = function (el) { return el.closest('form[data-selection]') || el.closest('[data-selection]'); };

  // ---- Eye toggle: fetch the page with the column flipped, swap the cells, keep the URL ----
  var eye = function (link) {
    var href = link.getAttribute('href');
    var table = link.closest('table');
    fetch(href, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok || res.redirected) { window.location.assign(href); return; }
      return res.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = table && table.id ? doc.getElementById(table.id) : null;
        if (!fresh) { window.location.assign(href); return; }
        var oldRows = table.tBodies[0] ? table.tBodies[0].rows : [];
        var newRows = fresh.tBodies[0] ? fresh.tBodies[0].rows : [];
        if (oldRows.length !== newRows.length) { window.location.assign(href); return; }
        for (var i = 0; i < oldRows.length; i++) {
          for (var j = 0; j < oldRows[i].cells.length && j < newRows[i].cells.length; j++) {
            var a = oldRows[i].cells[j], b = newRows[i].cells[j];
            if (a.querySelector('input, select, button')) continue; // keep the selection
            if (a.innerHTML !== b.innerHTML) a.innerHTML = b.innerHTML;
          }
        }
        // every eye, and every link that carries the state (next page, sort), as the server made them
        doc.querySelectorAll('a.eye[id], a[id]').forEach(function (n) {
          var mine = document.getElementById(n.id);
          if (!mine || mine.tagName !== 'A') return;
          mine.setAttribute('href', n.getAttribute('href'));
          if (n.classList.contains('eye')) {
            mine.className = n.className;
            mine.title = n.title;
            mine.textContent = n.textContent;
            mine.setAttribute('aria-pressed', n.classList.contains('on') ? 'true' : 'false');
          }
        });
        // the filter forms carry the state too (hidden fields): take the server's
        var getForms = function (root) {
          return Array.prototype.filter.call(root.querySelectorAll('form'), function (f) {
            return (f.getAttribute('method') || 'get').toLowerCase() === 'get';
          });
        };
        var mineF = getForms(document), theirsF = getForms(doc);
        if (mineF.length === theirsF.length) {
          mineF.forEach(function (f, k) {
            f.querySelectorAll('input[type=hidden]').forEach(function (h) { h.remove(); });
            theirsF[k].querySelectorAll('input[type=hidden]').forEach(function (h) {
              f.appendChild(document.importNode(h, true));
            });
          });
        }
        history.replaceState(history.state, '', href);
        var again = document.getElementById(link.id);
        if (again) again.focus();
      });
    }).catch(function () { window.location.assign(href); });
  };

  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var a = e.target.closest('a');
    if (a && a.classList.contains('eye') && a.id) { e.preventDefault(); eye(a); return; }
    if (a && a.hasAttribute('data-dialog') && !a.closest('dialog')) {
      e.preventDefault();
      loadInto(a, function () { return fetch(a.href, { credentials: 'same-origin' }); });
    }
  });

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var sub = e.submitter;
    if (form.closest('dialog')) return; // handled by submitInDialog
    if (sub && sub.hasAttribute('data-dialog')) {
      e.preventDefault();
      var action = sub.getAttribute('formaction') || form.getAttribute('action');
      loadInto(sub, function () { return post(action, form, sub); });
      return;
    }
    if (asker(form, sub) && !confirmed(form)) {
      e.preventDefault();
      confirmForm(form, sub);
    }
  });
  // confirmations inside a dialog (the dialog's own forms) ask as well
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.closest('dialog') || !asker(form, e.submitter) || confirmed(form)) return;
    e.preventDefault();
    confirmForm(form, e.submitter);
  }, true);

  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t.matches('input[data-select-all]')) {
      var scope = selectionScope(t);
      if (!scope) return;
      scope.querySelectorAll('input[type=checkbox][name=ids]').forEach(function (b) { b.checked = t.checked; });
      selection(scope);
    } else if (t.matches('input[type=checkbox][name=ids]')) {
      var s = selectionScope(t);
      if (s) selection(s);
    }
  });

  var init = function () {
    document.querySelectorAll('[data-selection]').forEach(selection);
    document.querySelectorAll('a.eye[id]').forEach(function (a) {
      a.setAttribute('role', 'button');
      a.setAttribute('aria-pressed', a.classList.contains('on') ? 'true' : 'false');
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

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
