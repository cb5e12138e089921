<?cs include:"header.cs" ?><?cs if:Page.area == "console" ?><?cs include:"console/nav.cs" ?><?cs elif:Confirm.generic ?><?cs if:subcount(Tabs) ?><?cs include:"tabs.cs" ?><?cs /if ?><?cs else ?><?cs include:"org/tabs.cs" ?><?cs /if ?>
<section class="narrow">
  <h1><?cs var:Confirm.title ?></h1>
  <?cs call:form_error() ?>
  <p><?cs var:Confirm.text ?></p>
  <p><strong id="confirm-subject"><?cs var:Confirm.subject ?></strong></p>
  <form method="post" action="<?cs var:Confirm.action ?>" id="confirm-form"><?cs call:csrf() ?>
    <?cs each:h = Confirm.fields ?><input type="hidden" name="<?cs var:h.name ?>" value="<?cs var:h.value ?>"><?cs /each ?>
    <?cs if:Confirm.generic ?><input type="hidden" name="confirm" value="1"><?cs /if ?>
    <button type="submit" class="danger" id="confirm"><?cs var:Confirm.button ?></button>
    <a class="button" href="<?cs var:Confirm.back ?>"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
