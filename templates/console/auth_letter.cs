<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.console.auth.letter ?></h1>
  <p><?cs var:Lang.console.auth.version ?>: <strong id="letter-version"><?cs var:Letter.0.version ?></strong> · <?cs var:Lang.console.auth.published ?>: <?cs var:Letter.0.published_at ?></p>
  <pre class="letter" id="letter-body"><?cs var:Letter.0.body ?></pre>
  <p><a class="button" href="/console/authorizations"><?cs var:Lang.console.nav.auth ?></a></p>
</section>
<?cs include:"footer.cs" ?>
