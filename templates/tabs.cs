<nav class="tabs" aria-label="<?cs var:Page.title ?>"><ul class="toolbar">
<?cs each:t = Tabs ?><li><a class="button<?cs if:t.active ?> primary<?cs /if ?>" href="<?cs var:t.href ?>"><?cs var:t.label ?></a></li><?cs /each ?>
</ul></nav>
