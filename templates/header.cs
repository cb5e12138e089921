<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="<?cs if:Page.lang == "zh" ?>zh-CN<?cs else ?>en<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?> · <?cs var:Site.name ?></title>
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
  <nav class="main" aria-label="<?cs var:Lang.nav.label ?>"><ul>
    <?cs each:item = Nav ?>
    <li class="<?cs if:item.active ?>active<?cs /if ?><?cs if:subcount(item.children) ?> group<?cs /if ?>">
      <?cs if:item.href ?><a href="<?cs var:item.href ?>"><?cs var:item.label ?></a><?cs elif:subcount(item.children) ?><span class="group-label" tabindex="0"><?cs var:item.label ?></span><?cs else ?><span class="soon" title="<?cs var:Lang.nav.soon ?>"><?cs var:item.label ?></span><?cs /if ?>
      <?cs if:subcount(item.children) ?><ul class="sub">
        <?cs each:ch = item.children ?><li><?cs if:ch.href ?><a href="<?cs var:ch.href ?>"><?cs var:ch.label ?></a><?cs else ?><span class="soon" title="<?cs var:Lang.nav.soon ?>"><?cs var:ch.label ?></span><?cs /if ?></li>
        <?cs /each ?>
      </ul><?cs /if ?>
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
<?cs if:Page.flash ?><p class="flash" role="status"><?cs var:Page.flash ?></p><?cs /if ?>
