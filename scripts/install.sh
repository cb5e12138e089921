#!/bin/bash
# make install: the release build installed in an FHS layout (no build tools needed to run it).
#   scripts/install.sh BUILD DESTDIR PREFIX SYSCONFDIR
#     PREFIX/lib/partner-center/        the FastCGI programs pc-NAME and pc-worker
#     PREFIX/sbin/pcadm                 the admin's command
#     PREFIX/share/partner-center/      templates/, lang/, sql/, htdocs/
#     PREFIX/lib/systemd/system/        partner-center@.service (one per program), the worker's
#                                       service and timer, partner-center.target (all of them)
#     PREFIX/lib/tmpfiles.d/            the directories under /run, /var/lib and /var/log
#     SYSCONFDIR/partner-center/        partner-center.hdf (kept if there: the new one beside it)
#     SYSCONFDIR/nginx/snippets/        partner-center-headers.conf (the site includes it)
#     SYSCONFDIR/logrotate.d/, cron.d/  the log rotation; the worker by cron (disabled: the timer
#                                       runs it under systemd)
#     PREFIX/share/doc/partner-center/  the nginx site to copy, README, DECISIONS
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: install.sh BUILD DESTDIR PREFIX SYSCONFDIR" >&2; exit 2; }
top=$(cd "${0%/*}/.." && pwd)
build=$1 dest=$2 prefix=$3 etc=$4
libdir=$prefix/lib/partner-center share=$prefix/share/partner-center
programs=$(grep -v '^#' "$top/conf/nginx/routes.txt" | awk 'NF {print $2}' | sort -u)

# the paths of the installation in a file of conf/ (@LIBDIR@, @SHARE@, @SYSCONFDIR@, @PREFIX@)
fill() {
    sed -e "s|@LIBDIR@|$libdir|g" -e "s|@SHARE@|$share|g" -e "s|@SYSCONFDIR@|$etc|g" \
        -e "s|@PREFIX@|$prefix|g" "$1"
}
put() { # put MODE SOURCE-TEXT-ON-STDIN DEST
    install -d "$(dirname "$dest$2")"
    cat >"$dest$2.tmp" && chmod "$1" "$dest$2.tmp" && mv "$dest$2.tmp" "$dest$2"
}

install -d "$dest$libdir" "$dest$prefix/sbin" "$dest$share"
for p in $programs; do install -m 0755 "$build/cgi-bin/pc-$p" "$dest$libdir/pc-$p"; done
install -m 0755 "$build/worker/pc-worker" "$dest$libdir/pc-worker"
install -m 0755 "$build/worker/pcadm" "$dest$prefix/sbin/pcadm"
for d in templates sql htdocs; do
    rm -rf "$dest$share/${d:?}" && cp -R "$top/$d" "$dest$share/$d"
done
rm -rf "$dest${share:?}/lang" && cp -R "$top/conf/lang" "$dest$share/lang"
find "$dest$share" -type d -exec chmod 0755 {} + && find "$dest$share" -type f -exec chmod 0644 {} +

# the config: the sample with the installation's paths; an admin's own file is never replaced
conf=$etc/partner-center/partner-center.hdf
target=$conf
[ -e "$dest$conf" ] && target=$conf.new
sed -e "s|^  templates = .*|  templates = $share/templates|" -e "s|^  lang = .*|  lang = $share/lang|" \
    -e "s|^  sql = .*|  sql = $share/sql|" -e "s|^  log =\$|  log = /var/log/partner-center/app.log|" \
    -e "s|^  exports = .*|  exports = /var/lib/partner-center/exports|" \
    -e "s|^  generation = .*|  generation = /var/lib/partner-center/generation|" \
    -e "s|^  secret_key_file =\$|  secret_key_file = $etc/partner-center/api.key|" \
    "$top/conf/partner-center.hdf" | put 0640 "$target"

units=$prefix/lib/systemd/system
for f in partner-center@.service partner-center-worker.service partner-center-worker.timer; do
    fill "$top/conf/systemd/$f" | put 0644 "$units/$f"
done
{
    echo "# Every program of Partner Center and the worker's timer: systemctl enable --now partner-center.target"
    echo "[Unit]"
    echo "Description=Partner Center (FastCGI programs and worker)"
    printf 'Wants=%s partner-center-worker.timer\n' "$(for p in $programs; do printf 'partner-center@%s.service ' "$p"; done | sed 's/ $//')"
    echo ""
    echo "[Install]"
    echo "WantedBy=multi-user.target"
} | put 0644 "$units/partner-center.target"
fill "$top/conf/tmpfiles/partner-center.conf" | put 0644 "$prefix/lib/tmpfiles.d/partner-center.conf"
fill "$top/conf/logrotate/partner-center" | put 0644 "$etc/logrotate.d/partner-center"
# the cron line is shipped commented out: under systemd the timer runs the worker
fill "$top/conf/cron/partner-center" | sed 's/^\* /# * /' | put 0644 "$etc/cron.d/partner-center"
put 0644 "$etc/nginx/snippets/partner-center-headers.conf" <"$top/conf/nginx/security-headers.conf"
doc=$prefix/share/doc/partner-center
sed -e "s|root /opt/partner-center/htdocs;|root $share/htdocs;|" "$top/conf/nginx/partner-center.conf" |
    put 0644 "$doc/nginx-site.conf"
put 0644 "$doc/README.md" <"$top/README.md"
put 0644 "$doc/DECISIONS.md" <"$top/docs/DECISIONS.md"
echo "installed Partner Center $(cat "$top/VERSION") in ${dest:-/}$prefix (config: $dest$target)"
