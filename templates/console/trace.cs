<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section>
  <h1><?cs var:Lang.console.trace.cts ?></h1>
  <form method="post" action="/console/cts" id="cts-switch"><?cs call:csrf() ?>
    <?cs if:Cts.0.cts_enabled == "1" ?>
    <p id="cts-state" data-enabled="1"><?cs var:Lang.console.trace.enabled ?></p>
    <input type="hidden" name="enabled" value="0"><button type="submit" id="cts-toggle"><?cs var:Lang.console.trace.disable ?></button>
    <?cs else ?>
    <p id="cts-state" data-enabled="0"><?cs var:Lang.console.trace.disabled ?></p>
    <input type="hidden" name="enabled" value="1"><button type="submit" class="primary" id="cts-toggle"><?cs var:Lang.console.trace.enable ?></button>
    <?cs /if ?>
  </form>
  <h2><?cs var:Lang.console.trace.title ?></h2>
  <?cs call:form_error() ?>
  <form method="get" action="/console/trace" class="filters" id="trace-filters">
    <label><?cs var:Lang.console.trace.range ?> <select name="range" id="f-range"><?cs each:r = Lang.console.trace.ranges ?><option value="<?cs name:r ?>"<?cs if:Filter.range == name(r) ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.console.trace.from ?> <input type="datetime-local" name="from" value="<?cs var:Filter.from ?>"></label>
    <label><?cs var:Lang.console.trace.to ?> <input type="datetime-local" name="to" value="<?cs var:Filter.to ?>"></label>
    <label><?cs var:Lang.console.trace.name ?> <select name="trace_name"><option value=""><?cs var:Lang.console.trace.all ?></option><?cs each:n = Names ?><option<?cs if:Filter.trace_name == n ?> selected<?cs /if ?>><?cs var:n ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.console.trace.type ?> <select name="resource_type"><option value=""><?cs var:Lang.console.trace.all ?></option><?cs each:t = Types ?><option<?cs if:Filter.resource_type == t ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select></label>
    <label><?cs var:Lang.console.trace.status ?> <select name="status"><option value=""><?cs var:Lang.console.trace.all ?></option><option<?cs if:Filter.status == "normal" ?> selected<?cs /if ?>>normal</option><option<?cs if:Filter.status == "warning" ?> selected<?cs /if ?>>warning</option><option<?cs if:Filter.status == "incident" ?> selected<?cs /if ?>>incident</option></select></label>
    <label><?cs var:Lang.console.trace.resource_id ?> <input name="resource_id" maxlength="64" value="<?cs var:Filter.resource_id ?>"></label>
    <button type="submit"><?cs var:Lang.console.trace.search ?></button>
  </form>
  <table id="traces">
    <thead><tr><th><?cs var:Lang.console.trace.col.name ?></th><th><?cs var:Lang.console.trace.col.resource_type ?></th><th><?cs var:Lang.console.trace.col.resource_id ?></th><th><?cs var:Lang.console.trace.col.status ?></th><th><?cs var:Lang.console.trace.col.operator ?></th><th><?cs var:Lang.console.trace.col.ip ?></th><th><?cs var:Lang.console.trace.col.time ?></th><th><?cs var:Lang.console.trace.col.details ?></th></tr></thead>
    <tbody><?cs each:t = Traces ?><tr data-id="<?cs var:t.id ?>" data-name="<?cs var:t.trace_name ?>">
      <td><?cs var:t.trace_name ?></td><td><?cs var:t.resource_type ?></td><td><?cs var:t.resource_id ?></td><td><?cs var:t.status ?></td><td><?cs var:t.operator_name ?></td><td><?cs var:t.source_ip ?></td><td><?cs var:t.operated ?></td>
      <td><a href="/console/trace/view?id=<?cs var:t.id ?>"><?cs var:Lang.console.trace.view ?></a></td></tr><?cs /each ?></tbody>
  </table>
  <?cs if:!subcount(Traces) ?><p class="hint" id="no-traces"><?cs var:Lang.console.trace.none ?></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
