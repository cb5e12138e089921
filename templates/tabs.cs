<nav class="tabs" aria-label="<?cs var:Page.title ?>"><ul class="tab-list">
<?cs each:t = Tabs ?><li><a class="tab<?cs if:t.active ?> active<?cs /if ?>" href="<?cs var:t.href ?>"<?cs if:t.active ?> aria-current="page"<?cs /if ?>><?cs var:t.label ?></a></li><?cs /each ?>
</ul></nav>
