<?cs set:Page.title = Error.title ?><?cs include:"header.cs" ?>
<section class="error-page">
  <h1><?cs var:Error.code ?> · <?cs var:Error.title ?></h1>
  <p><?cs var:Error.text ?></p>
  <p><a href="/home"><?cs var:Lang.error.home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
