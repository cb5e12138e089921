<nav class="tabs" aria-label="<?cs var:Lang.console.nav.partner ?>"><ul class="toolbar" id="console-nav">
  <li><a class="tab<?cs if:Page.tab == "partner" ?> active" aria-current="page<?cs /if ?>" href="/console/"><?cs var:Lang.console.nav.partner ?></a></li>
  <li><a class="tab<?cs if:Page.tab == "auth" ?> active" aria-current="page<?cs /if ?>" href="/console/authorizations" id="nav-auth"><?cs var:Lang.console.nav.auth ?></a></li>
  <li><a class="tab<?cs if:Page.tab == "disassociate" ?> active" aria-current="page<?cs /if ?>" href="/console/disassociate" id="nav-disassociate"><?cs var:Lang.console.nav.disassociate ?></a></li>
  <li><a class="tab<?cs if:Page.tab == "log" ?> active" aria-current="page<?cs /if ?>" href="/console/associations" id="nav-log"><?cs var:Lang.console.nav.log ?></a></li>
  <li><a class="tab<?cs if:Page.tab == "trace" ?> active" aria-current="page<?cs /if ?>" href="/console/trace" id="nav-trace"><?cs var:Lang.console.nav.trace ?></a></li>
  <li><a class="tab<?cs if:Page.tab == "apikeys" ?> active" aria-current="page<?cs /if ?>" href="/console/api-keys" id="nav-apikeys"><?cs var:Lang.nav.api_keys ?></a></li>
</ul></nav>
