<?cs include:"header.cs" ?><?cs include:"console/nav.cs" ?>
<section class="narrow">
  <h1><?cs var:Lang.console.trace.view ?></h1>
  <table class="details" id="trace">
    <tr><th><?cs var:Lang.console.trace.col.id ?></th><td><?cs var:Trace.0.id ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.name ?></th><td><?cs var:Trace.0.trace_name ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.trace_type ?></th><td><?cs var:Trace.0.trace_type ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.source ?></th><td><?cs var:Trace.0.source ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.resource_type ?></th><td><?cs var:Trace.0.resource_type ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.resource_id ?></th><td><?cs var:Trace.0.resource_id ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.resource_name ?></th><td><?cs var:Trace.0.resource_name ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.status ?></th><td><?cs var:Trace.0.status ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.operator ?></th><td><?cs var:Trace.0.operator_name ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.ip ?></th><td><?cs var:Trace.0.source_ip ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.time ?></th><td><?cs var:Trace.0.operated_at ?></td></tr>
    <tr><th><?cs var:Lang.console.trace.col.generated ?></th><td><?cs var:Trace.0.generated_at ?></td></tr>
  </table>
  <h2><?cs var:Lang.console.trace.col.details ?></h2>
  <pre id="trace-details"><?cs var:Trace.0.details ?></pre>
  <p><a class="button" href="/console/trace"><?cs var:Lang.console.trace.title ?></a></p>
</section>
<?cs include:"footer.cs" ?>
