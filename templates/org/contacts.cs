<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.contacts.title ?></h1>
  <p class="hint"><?cs var:Lang.org.contacts.intro ?> (<span id="contact-count"><?cs var:Page.count ?></span> / <?cs var:Page.max ?>)</p>
  <table id="contacts">
    <thead><tr><th><?cs var:Lang.org.members.name ?></th><th><?cs var:Lang.org.member.mobile ?></th><th><?cs var:Lang.org.member.email ?></th><th><?cs var:Lang.org.contacts.position ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:k = Contacts ?><tr>
      <td><?cs var:k.name ?></td><td><?cs var:k.mobile_cc ?> <?cs var:k.mobile ?></td><td><?cs var:k.email ?></td><td><?cs var:k.position ?></td>
      <td class="actions"><a href="/org/contacts/<?cs var:k.id ?>/edit"><?cs var:Lang.org.modify ?></a> · <a href="/org/contacts/<?cs var:k.id ?>/delete" data-dialog><?cs var:Lang.org.delete ?></a></td>
    </tr><?cs /each ?></tbody>
  </table>
  <h2><?cs var:Lang.org.contacts.create ?></h2>
  <?cs call:form_error() ?>
  <form method="post" action="/org/contacts/new" novalidate><?cs call:csrf() ?>
    <?cs include:"org/contact_fields.cs" ?>
    <button type="submit" class="primary" id="save"><?cs var:Lang.common.save ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
