<nav class="tabs" aria-label="<?cs var:Lang.org.title ?>"><ul class="toolbar">
<?cs each:t = Tabs ?><li><a class="tab<?cs if:t.active ?> active" aria-current="page<?cs /if ?>" href="<?cs var:t.href ?>"><?cs var:t.label ?></a></li><?cs /each ?>
</ul></nav>
