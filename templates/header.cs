<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="<?cs if:Page.lang == "zh" ?>zh-CN<?cs else ?>en<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.title ?><?cs var:Page.title ?> · <?cs /if ?><?cs if:Crumb.last && Crumb.last != Page.title ?><?cs var:Crumb.last ?> · <?cs /if ?><?cs var:Site.name ?></title>
<link rel="stylesheet" href="/css/pc.css">
<script src="/js/pc.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.frame.skip ?></a>
<header class="top<?cs if:User.signed_in ?> signed-in<?cs /if ?>">
  <a class="brand" href="/home"><?cs var:Site.name ?></a>
  <?cs if:User.signed_in ?>
  <a class="menu-button" href="#main-menu" id="menu-button" aria-controls="main-menu" aria-expanded="false"><span class="bars" aria-hidden="true"></span><?cs var:Lang.frame.menu ?></a>
  <div class="menu" id="main-menu">
  <nav class="main" aria-label="<?cs var:Lang.nav.label ?>"><ul class="menu-items">
    <?cs each:item = Nav ?>
    <li class="<?cs if:item.active ?>active<?cs /if ?>">
      <?cs if:item.href ?><a href="<?cs var:item.href ?>"<?cs if:item.href == Page.path ?> aria-current="page"<?cs /if ?>><?cs var:item.label ?></a>
      <?cs else ?><details class="menu-group" id="menu-<?cs var:item.id ?>" data-menu><summary><?cs var:item.label ?></summary>
        <ul class="sub">
        <?cs each:ch = item.children ?>
          <?cs if:ch.href ?><li class="<?cs if:ch.active ?>active<?cs /if ?>"><a href="<?cs var:ch.href ?>"<?cs if:ch.href == Page.path ?> aria-current="page"<?cs /if ?>><?cs var:ch.label ?></a></li>
          <?cs else ?><li class="sub-group<?cs if:ch.active ?> active<?cs /if ?>" id="menu-<?cs var:ch.id ?>"><span class="sub-label" id="menu-<?cs var:ch.id ?>-label"><?cs var:ch.label ?></span>
            <ul aria-labelledby="menu-<?cs var:ch.id ?>-label"><?cs each:g = ch.children ?><li class="<?cs if:g.active ?>active<?cs /if ?>"><a href="<?cs var:g.href ?>"<?cs if:g.href == Page.path ?> aria-current="page"<?cs /if ?>><?cs var:g.label ?></a></li><?cs /each ?></ul></li>
          <?cs /if ?>
        <?cs /each ?>
        </ul></details>
      <?cs /if ?>
    </li>
    <?cs /each ?>
  </ul></nav>
  <?cs /if ?>
  <div class="account">
    <form class="lang" method="post" action="/auth/lang"><?cs call:csrf() ?>
      <input type="hidden" name="back" value="<?cs var:Page.path ?>">
      <label class="sr" for="lang-select"><?cs var:Lang.common.language ?></label>
      <select id="lang-select" name="lang" data-autosubmit>
        <option value="en"<?cs if:Page.lang == "en" ?> selected<?cs /if ?>>English</option>
        <option value="zh"<?cs if:Page.lang == "zh" ?> selected<?cs /if ?>>中文</option>
      </select>
      <button type="submit" class="link"><?cs var:Lang.common.switch ?></button>
    </form>
    <?cs if:User.signed_in ?>
    <span class="user" id="current-user"><?cs var:User.name ?> (<?cs var:User.username ?>)</span>
    <a href="/auth/password"><?cs var:Lang.auth.password.link ?></a>
    <form method="post" action="/auth/logout"><?cs call:csrf() ?><button type="submit" class="link" id="logout"><?cs var:Lang.auth.logout ?></button></form>
    <?cs /if ?>
  </div>
  <?cs if:User.signed_in ?></div><?cs /if ?>
</header>
<main id="main" tabindex="-1">
<?cs if:Crumbs.1.label || (Crumbs.0.label && Page.title != Crumb.last) ?><nav class="breadcrumbs" aria-label="<?cs var:Lang.nav.breadcrumbs ?>"><ol>
  <?cs each:b = Crumbs ?><li><?cs if:b.href ?><a href="<?cs var:b.href ?>"><?cs var:b.label ?></a><?cs elif:last(b) && Page.title == Crumb.last ?><span aria-current="page"><?cs var:b.label ?></span><?cs else ?><span><?cs var:b.label ?></span><?cs /if ?></li><?cs /each ?>
  <?cs if:Page.title && Page.title != Crumb.last ?><li><span aria-current="page"><?cs var:Page.title ?></span></li><?cs /if ?>
</ol></nav><?cs /if ?>
<?cs if:Page.flash ?><p class="flash" role="status"><?cs var:Page.flash ?></p><?cs /if ?>
