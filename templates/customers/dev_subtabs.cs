<?cs include:"tabs.cs" ?>
<nav class="subtabs" aria-label="<?cs var:Lang.cust.dev.title ?>"><ul class="toolbar" id="dev-tabs">
<?cs each:t = Subtabs ?><li><a class="tab<?cs if:t.active ?> active" aria-current="page<?cs /if ?>" href="<?cs var:t.href ?>"><?cs var:t.label ?></a></li><?cs /each ?>
</ul></nav>
