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
    <?cs call:filter_select("range", Lang.console.trace.range, Lang.console.trace.ranges, "") ?>
    <?cs call:filter_input("from", Lang.console.trace.from, "datetime-local") ?>
    <?cs call:filter_input("to", Lang.console.trace.to, "datetime-local") ?>
    <?cs call:field_open("q-trace_name", Filter.trace_name, Lang.console.trace.name) ?>
      <select id="q-trace_name" name="trace_name"><option value=""><?cs var:Lang.console.trace.all ?></option><?cs call:option_values(Names, Filter.trace_name) ?></select>
    <?cs call:field_close("trace_name", Filter.trace_name) ?>
    <?cs call:field_open("q-resource_type", Filter.resource_type, Lang.console.trace.type) ?>
      <select id="q-resource_type" name="resource_type"><option value=""><?cs var:Lang.console.trace.all ?></option><?cs call:option_values(Types, Filter.resource_type) ?></select>
    <?cs call:field_close("resource_type", Filter.resource_type) ?>
    <?cs call:filter_select("status", Lang.console.trace.status, Lang.console.trace.statuses, Lang.console.trace.all) ?>
    <?cs call:input_field("q-resource_id", "resource_id", Filter.resource_id, Lang.console.trace.resource_id, "text", 0, "", "", 64, "") ?>
    <button type="submit" id="search"><?cs var:Lang.console.trace.search ?></button>
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
