</main>
<div id="pc-ui" hidden data-close="<?cs var:Lang.dlg.close ?>" data-cancel="<?cs var:Lang.common.cancel ?>" data-selected="<?cs var:Lang.dlg.selected ?>"></div>
<footer class="bottom"><?cs var:Site.name ?> <?cs var:Site.version ?> · <?cs var:Lang.common.request ?> <?cs var:Page.request_id ?></footer>
</body>
</html>
