<?cs include:"header.cs" ?>
<section class="precautions-page">
  <h1><?cs var:Lang.exports.precautions.title ?></h1>
  <p><?cs var:Lang.exports.precautions.intro ?></p>
  <?cs call:export_precaution_list() ?>
  <form method="post" action="<?cs var:Page.action ?>" id="precautions-form"><?cs call:csrf() ?>
    <input type="hidden" name="confirm" value="ok"><?cs each:f = Resend ?>
    <input type="hidden" name="<?cs var:f.name ?>" value="<?cs var:f.value ?>"><?cs /each ?>
    <div class="actions"><button type="submit" class="primary" id="got-it-button"><?cs var:Lang.exports.precautions.got_it ?></button>
    <a class="button" href="<?cs var:Page.back ?>" id="precautions-cancel"><?cs var:Lang.common.cancel ?></a></div>
  </form>
</section>
<?cs include:"footer.cs" ?>
