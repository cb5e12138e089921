<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section>
  <h1><?cs var:Lang.console.auth.title ?></h1>
  <p><?cs var:Lang.console.auth.scope_title ?></p>
  <ol id="auth-scope"><?cs each:s = Lang.console.auth.scope ?><li><?cs var:s ?></li><?cs /each ?></ol>
  <p class="hint"><?cs var:Lang.console.auth.cts_advice ?> <a href="/console/trace"><?cs var:Lang.console.nav.trace ?></a></p>
  <?cs call:form_error() ?>
  <form method="post" action="/console/code" id="send-code"><?cs call:csrf() ?>
    <input type="hidden" name="back" value="/console/authorizations">
    <button type="submit" id="send-code-button"><?cs var:Lang.console.auth.send_code ?></button>
  </form>
  <table id="authorizations">
    <thead><tr><th><?cs var:Lang.console.auth.partner ?></th><th><?cs var:Lang.console.auth.requested ?></th><th><?cs var:Lang.console.auth.status_col ?></th><th><?cs var:Lang.console.auth.effective ?></th><th><?cs var:Lang.console.auth.expiration ?></th><th><?cs var:Lang.console.auth.operation ?></th></tr></thead>
    <tbody><?cs each:a = Auth ?>
    <tr id="auth-<?cs var:a.id ?>" data-status="<?cs var:a.status ?>">
      <td><?cs var:a.partner_name ?></td><td><?cs var:a.requested_at ?></td>
      <td class="status"><?cs var:Lang.console.auth.status[a.status] ?><?cs if:a.revoke_cause ?><br><span class="hint"><?cs var:Lang.console.auth.cause_col ?>: <?cs var:a.revoke_cause ?></span><?cs /if ?></td>
      <td class="effective"><?cs if:a.effective_at ?><?cs var:a.effective_at ?><?cs else ?>--<?cs /if ?></td><td class="expiration">--</td>
      <td>
        <a href="/console/authorizations/<?cs var:a.id ?>/letter" class="view-letter"><?cs var:Lang.console.auth.view_letter ?></a>
        <?cs if:a.status == "pending" ?>
        <form method="post" action="/console/authorizations/<?cs var:a.id ?>/agree" class="decide"><?cs call:csrf() ?>
          <div class="field<?cs if:Page.row == a.id && Form.letter.error ?> has-error<?cs /if ?>"><label><input type="checkbox" name="letter" value="1" class="letter-tick"> <?cs var:Lang.console.auth.letter_tick ?></label>
            <?cs if:Page.row == a.id ?><?cs call:field_error(Form.letter) ?><?cs /if ?></div>
          <div class="field<?cs if:Page.row == a.id && Form.code.error ?> has-error<?cs /if ?>"><label><?cs var:Lang.console.auth.code ?> <input name="code" class="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code"></label>
            <?cs if:Page.row == a.id ?><?cs call:field_error(Form.code) ?><?cs /if ?></div>
          <button type="submit" class="primary agree"><?cs var:Lang.console.auth.agree ?></button>
          <button type="submit" class="reject" formaction="/console/authorizations/<?cs var:a.id ?>/reject"><?cs var:Lang.console.auth.reject ?></button>
        </form>
        <?cs elif:a.status == "accepted" ?>
        <form method="post" action="/console/authorizations/<?cs var:a.id ?>/revoke" class="revoke"><?cs call:csrf() ?>
          <p class="hint"><?cs var:Lang.console.auth.revoke_note ?></p>
          <div class="field<?cs if:Page.row == a.id && Form.cause.error ?> has-error<?cs /if ?>"><label><?cs var:Lang.console.auth.cause ?> <input name="cause" maxlength="128" class="cause" value="<?cs if:Page.row == a.id ?><?cs var:Form.cause.value ?><?cs /if ?>"></label>
            <?cs if:Page.row == a.id ?><?cs call:field_error(Form.cause) ?><?cs /if ?></div>
          <div class="field<?cs if:Page.row == a.id && Form.code.error ?> has-error<?cs /if ?>"><label><?cs var:Lang.console.auth.code ?> <input name="code" class="code" inputmode="numeric" maxlength="6"></label>
            <?cs if:Page.row == a.id ?><?cs call:field_error(Form.code) ?><?cs /if ?></div>
          <button type="submit" class="danger"><?cs var:Lang.console.auth.revoke ?></button>
        </form>
        <?cs /if ?>
      </td>
    </tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Auth) ?><p class="hint" id="no-auth"><?cs var:Lang.console.auth.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
