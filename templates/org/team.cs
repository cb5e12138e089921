<?cs include:"header.cs" ?><?cs include:"org/tabs.cs" ?>
<section>
  <h1><?cs var:Lang.org.team.title ?></h1>
  <p class="hint"><?cs var:Lang.org.team.intro ?></p>
  <?cs call:form_error() ?>
  <h2><?cs var:Lang.org.team.directors ?></h2>
  <ul id="directors"><?cs each:d = Directors ?><li data-director="<?cs var:d.username ?>"><?cs var:d.name ?> (<?cs var:d.username ?>)</li><?cs /each ?></ul>
  <?cs if:!subcount(Directors) ?><p class="hint"><?cs var:Lang.org.team.no_directors ?></p><?cs /if ?>
  <h2><?cs var:Lang.org.team.managers ?></h2>
  <table id="managers">
    <thead><tr><th><?cs var:Lang.org.members.name ?></th><th><?cs var:Lang.org.members.username ?></th><th><?cs var:Lang.org.member.director ?></th><th><?cs var:Lang.org.operation ?></th></tr></thead>
    <tbody><?cs each:m = Managers ?><tr data-manager="<?cs var:m.username ?>">
      <td><?cs var:m.name ?></td><td><?cs var:m.username ?></td>
      <td class="director"><?cs if:m.director_name ?><?cs var:m.director_name ?><?cs else ?>—<?cs /if ?></td>
      <td><form method="post" action="/org/team/<?cs var:m.id ?>" class="inline"><?cs call:csrf() ?>
        <select name="director_id" aria-label="<?cs var:Lang.org.member.director ?>"><option value=""><?cs var:Lang.org.member.no_director ?></option>
          <?cs each:d = Directors ?><option value="<?cs var:d.id ?>"<?cs if:m.director_id == d.id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
        </select>
        <button type="submit"><?cs var:Lang.common.save ?></button></form></td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Managers) ?><p class="hint"><?cs var:Lang.org.team.no_managers ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
