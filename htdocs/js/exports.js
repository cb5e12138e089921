// Partner Center — exports (issue 16): the Export menu's precautions dialog and Export Selected,
// and Export History refreshing itself while tasks run.  Without this script the menu still works:
// the server answers confirm=ask with its precautions page, and History is reloaded by hand.
(function () {
  'use strict';
  var POLL_MS = 2000, POLL_MAX_MS = 15000; // a task queued for long (no worker yet) is asked less often
  var pollMs = POLL_MS;

  function selectedIds() {
    return Array.prototype.map.call(
      document.querySelectorAll('input[type=checkbox][name=ids]:checked'),
      function (box) { return box.value; });
  }

  // Export Selected is enabled only while a row of the list is checked.
  function updateSelection() {
    var none = selectedIds().length === 0;
    document.querySelectorAll('[data-needs-selection]').forEach(function (b) { b.disabled = none; });
  }

  function hidden(form, name, value) {
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    input.setAttribute('data-added', '');
    form.appendChild(input);
  }

  function wireForm(form, dialog) {
    form.addEventListener('submit', function (e) {
      var submitter = e.submitter || null;
      var confirm = form.querySelector('input[name=confirm]');
      form.querySelectorAll('input[data-added]').forEach(function (i) { i.remove(); });
      if (submitter && submitter.hasAttribute('data-needs-selection')) {
        var ids = selectedIds();
        if (!ids.length) { e.preventDefault(); return; }
        hidden(form, 'ids', ids.join(','));
      }
      if (!dialog || !confirm || confirm.value !== 'ask') return;
      e.preventDefault();
      var menu = form.closest('details');
      dialog.returnValue = '';
      dialog.onclose = function () {
        if (dialog.returnValue !== 'ok') {
          if (submitter) submitter.focus();
          return;
        }
        confirm.value = 'ok';
        if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
        confirm.value = 'ask'; // a page restored by Back asks again
        if (menu) menu.open = false;
      };
      dialog.showModal();
      var got = dialog.querySelector('[value=ok]');
      if (got) got.focus();
    });
  }

  // Export History: reload the status and the table every POLL_MS while a task is queued or
  // running; stop once none is.
  function running(root) {
    return root.querySelector('#exports tr[data-status=queued], #exports tr[data-status=processing]');
  }

  function poll() {
    if (!running(document)) return;
    window.setTimeout(function () {
      fetch(window.location.pathname + window.location.search, { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          ['#export-status', '#exports tbody'].forEach(function (sel) {
            var now = document.querySelector(sel), next = doc.querySelector(sel);
            if (now && next) now.innerHTML = next.innerHTML;
          });
          var moving = document.querySelector('#exports tr[data-status=processing]');
          pollMs = moving ? POLL_MS : Math.min(POLL_MAX_MS, Math.round(pollMs * 1.25));
          poll();
        })
        .catch(function () { window.setTimeout(poll, POLL_MAX_MS); });
    }, pollMs);
  }

  function start() {
    var dialog = document.getElementById('precautions');
    if (dialog && typeof dialog.showModal !== 'function') dialog = null; // the server's page then
    document.querySelectorAll('form.export-form').forEach(function (f) { wireForm(f, dialog); });
    document.addEventListener('change', function (e) {
      if (e.target.matches && e.target.matches('input[type=checkbox][name=ids]')) updateSelection();
    });
    updateSelection();
    if (document.getElementById('exports')) poll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
