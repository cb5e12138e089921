</main>
<footer class="bottom"><?cs var:Site.name ?> <?cs var:Site.version ?> · <?cs var:Lang.common.request ?> <?cs var:Page.request_id ?></footer>
</body>
</html>
