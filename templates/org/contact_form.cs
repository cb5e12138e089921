<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.org.contacts.edit_title ?></h1>
  <form method="post" action="/org/contacts/<?cs var:Contact.0.id ?>/edit" novalidate><?cs call:csrf() ?>
    <?cs include:"org/contact_fields.cs" ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.save ?></button>
    <a class="button" href="/org/contacts"><?cs var:Lang.common.cancel ?></a>
  </form>
</section>
<?cs include:"footer.cs" ?>
