#!/usr/bin/env bash
# Builds reviewd's Debian package from a build folder and checks it end to end:
#   1. cpack -G DEB makes reviewd_<version>_<arch>.deb
#   2. dpkg-deb: the control fields (dependencies computed from the binary), the files and their
#      modes, conffiles = every file under /etc, the maintainer scripts
#   3. the unpacked files work: the binary reads /etc/reviewd/reviewd.toml by default and is
#      stripped, the packaged configuration loads and points at /var/lib/reviewd, the manual page
#      renders without warnings, the changelog names this version
#   4. lintian, when installed: its findings are printed; an error fails the check
#   5. as root, on a machine where reviewd is not installed (nor its files present): dpkg -i,
#      then the user and folders exist, systemd-analyze verify is clean on the installed unit,
#      the service was not started, `reviewd check-config` and `db migrate` work as the reviewd
#      user with no --config; dpkg -r keeps the conffiles, dpkg --purge removes them; the machine
#      is left as it was found (user, group and /var/lib/reviewd removed if this script made them)
#
#   check_deb.sh BUILD_DIR VERSION [CPACK]
#
# Exit status: 0 passed, 1 failed, 77 skipped (dpkg-deb missing). Steps 4 and 5 are skipped, with
# a message, where lintian is missing, or not root, or reviewd is installed already, or
# REVIEWD_DEB_INSTALL=0.
set -uo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok: $*"; }

build=${1:?build folder}
version=${2:?package version}
cpack=${3:-cpack}
command -v dpkg-deb >/dev/null 2>&1 || skip "dpkg-deb is not installed (Debian package: dpkg)"
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake is missing (configure first)"

scratch=$(mktemp -d)
installed_by_us=0
user_made_by_us=0
state_made_by_us=0
cleanup() {
    if [ "$installed_by_us" -eq 1 ]; then
        dpkg --purge reviewd >/dev/null 2>&1 || true
    fi
    if [ "$state_made_by_us" -eq 1 ]; then rm -rf /var/lib/reviewd; fi
    if [ "$user_made_by_us" -eq 1 ]; then
        userdel reviewd >/dev/null 2>&1 || true
        groupdel reviewd >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# --- 1. build ---------------------------------------------------------------------------------
arch=$(dpkg --print-architecture)
(cd "$scratch" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out") \
    >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB"; }
deb="$scratch/out/reviewd_${version}_${arch}.deb"
[ -f "$deb" ] || { ls -l "$scratch/out" >&2; fail "no $(basename "$deb") was made"; }
ok "cpack made $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# --- 2. control, files, conffiles, scripts -----------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
dpkg-deb --info "$deb"
[ "$(field Package)" = reviewd ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version), expected $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is $(field Architecture)"
[ "$(field Section)" = admin ] || fail "Section is $(field Section)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
# The libraries the binary links (names vary by release: matched by prefix), and the two set by hand.
for lib in libc6 libstdc++ libsqlite3 libcurl libssl libsystemd libfmt libspdlog libtomlplusplus \
           libdate-tz tzdata systemd; do
    grep -Eq "(^|, )$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
ok "control: Depends computed by dpkg-shlibdeps ($depends)"

dpkg-deb --contents "$deb" | awk '{print $1, $2, $6}' | sed 's#\./#/#' >"$scratch/contents"
has() { # path [mode-prefix]
    grep -Eq "^${2:-.}[^ ]* root/root $1\$" "$scratch/contents" || fail "the package lacks $1 ${2:+(mode $2)}"
}
has /usr/bin/reviewd -rwxr-xr-x
has /etc/reviewd/reviewd.toml -rw-r--r--
has /etc/reviewd/bank-holidays.json
has /etc/reviewd/rules/england.toml
has /etc/reviewd/templates/reminder.txt
has /etc/reviewd/templates/reminder.html
has /lib/systemd/system/reviewd.service -rw-r--r--
has /usr/lib/sysusers.d/reviewd.conf
has /usr/lib/tmpfiles.d/reviewd.conf
has /usr/share/man/man8/reviewd.8.gz
has /usr/share/doc/reviewd/copyright
has /usr/share/doc/reviewd/changelog.gz
for source in "$(dirname "$0")"/../../config/rules/*.toml; do
    has "/etc/reviewd/rules/$(basename "$source")"
done
ok "files: $(grep -vc '/$' "$scratch/contents") files, owned by root"

dpkg-deb --control "$deb" "$scratch/control"
grep '^-' "$scratch/contents" | awk '{print $3}' | grep '^/etc/' | sort >"$scratch/etc-files"
sort "$scratch/control/conffiles" >"$scratch/conffiles"
diff -u "$scratch/etc-files" "$scratch/conffiles" >&2 \
    || fail "conffiles differ from the files under /etc (above: - in /etc only, + in conffiles only)"
ok "conffiles: all $(wc -l <"$scratch/conffiles") files under /etc"
for script in postinst prerm postrm; do
    [ -x "$scratch/control/$script" ] || fail "no executable $script"
    sh -n "$scratch/control/$script" || fail "$script is not valid sh"
done
grep -q 'systemd-sysusers.*reviewd.conf' "$scratch/control/postinst" || fail "postinst makes no user"
grep -q 'systemd-tmpfiles.*--create reviewd.conf' "$scratch/control/postinst" \
    || fail "postinst makes no folders"
# try-restart is allowed (an upgrade restarts a service that runs); enable, start, restart are not.
if grep -v '^[[:space:]]*#' "$scratch/control/postinst" \
    | grep -Eq '(systemctl|deb-systemd-invoke|deb-systemd-helper)[^#]*[[:space:]](enable|start|restart)([[:space:]]|$)'; then
    fail "postinst enables or starts the service"
fi
ok "maintainer scripts: postinst, prerm, postrm"

# --- 3. the unpacked files ------------------------------------------------------------------
root="$scratch/root"
dpkg-deb --extract "$deb" "$root"
binary="$root/usr/bin/reviewd"
[ "$("$binary" --version)" = "$version" ] || fail "reviewd --version is not $version"
"$binary" --help | grep -q 'else /etc/reviewd/reviewd.toml' \
    || fail "the packaged binary's default configuration is not /etc/reviewd/reviewd.toml"
if readelf -S "$binary" | grep -q '\.debug_info'; then fail "the binary is not stripped"; fi
grep -qx 'path = "/var/lib/reviewd/reviewd.db"' "$root/etc/reviewd/reviewd.toml" \
    || fail "the packaged [store] path is not /var/lib/reviewd/reviewd.db"
grep -q '^folder = "/var/lib/reviewd/outbox"' "$root/etc/reviewd/reviewd.toml" \
    || fail "the packaged [delivery] folder is not /var/lib/reviewd/outbox"
"$binary" --config "$root/etc/reviewd/reviewd.toml" check-config >"$scratch/check" 2>&1 \
    || { cat "$scratch/check" >&2; fail "the packaged configuration does not load"; }
ok "binary $version: stripped, default /etc/reviewd/reviewd.toml; packaged configuration loads"
if command -v man >/dev/null 2>&1; then
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z \
        "$root/usr/share/man/man8/reviewd.8.gz" >/dev/null 2>"$scratch/man" \
        || fail "man cannot render reviewd.8"
    [ -s "$scratch/man" ] && { cat "$scratch/man" >&2; fail "man warns about reviewd.8"; }
    ok "manual page renders without warnings"
fi
top=$(zcat "$root/usr/share/doc/reviewd/changelog.gz" | head -1)
[[ "$top" == "reviewd ($version) "* ]] \
    || fail "the changelog's latest entry is '$top', not $version: add an entry to packaging/debian/changelog"
ok "changelog names $version"

# --- 4. lintian ---------------------------------------------------------------------------------
if command -v lintian >/dev/null 2>&1; then
    # -I: the informational tags too; --pedantic ones are left out.
    lintian --allow-root --tag-display-limit 0 -I "$deb" >"$scratch/lintian" 2>&1
    echo "lintian findings ($(grep -c '^[EWIPX]:' "$scratch/lintian") tags):"
    sed 's/^/  /' "$scratch/lintian"
    if grep -q '^E:' "$scratch/lintian"; then fail "lintian reports errors (above)"; fi
    ok "lintian: no errors"
else
    echo "lintian is not installed (Debian package: lintian): not checked"
fi

# --- 5. install, verify, remove -----------------------------------------------------------------
why_not=""
if [ "${REVIEWD_DEB_INSTALL:-1}" = 0 ]; then why_not="REVIEWD_DEB_INSTALL=0"
elif [ "$(id -u)" -ne 0 ]; then why_not="not root"
elif dpkg-query -W -f='${Status}' reviewd 2>/dev/null | grep -q installed; then
    why_not="reviewd is installed on this machine already"
elif [ -e /usr/bin/reviewd ] || [ -e /etc/reviewd ] || [ -e /lib/systemd/system/reviewd.service ]; then
    why_not="reviewd's files exist on this machine already (a manual install?)"
fi
if [ -n "$why_not" ]; then
    echo "install check skipped: $why_not"
    echo "ok: the package checks passed (not installed)"
    exit 0
fi
getent passwd reviewd >/dev/null || user_made_by_us=1
[ -e /var/lib/reviewd ] || state_made_by_us=1

# dpkg waits for nobody: retry briefly if apt or dpkg holds the lock.
for attempt in 1 2 3 4 5 6; do
    dpkg -i "$deb" >"$scratch/install" 2>&1 && break
    grep -q 'lock' "$scratch/install" || { cat "$scratch/install" >&2; fail "dpkg -i"; }
    sleep 5
done
installed_by_us=1
dpkg-query -W -f='${Status}' reviewd | grep -q 'install ok installed' \
    || { cat "$scratch/install" >&2; fail "dpkg -i did not leave reviewd installed"; }
ok "dpkg -i"

entry=$(getent passwd reviewd) || fail "no reviewd user after install"
[ "$(cut -d: -f6 <<<"$entry")" = /var/lib/reviewd ] || fail "reviewd's home is not /var/lib/reviewd"
[ "$(cut -d: -f7 <<<"$entry")" = /usr/sbin/nologin ] || fail "reviewd has a login shell"
expect() { # path mode owner group
    [ -d "$1" ] || fail "$1 was not created"
    got=$(stat -c '%a %U %G' "$1")
    [ "$got" = "$2 $3 $4" ] || fail "$1 is '$got', expected '$2 $3 $4'"
}
expect /var/lib/reviewd 750 reviewd reviewd
expect /var/lib/reviewd/outbox 750 reviewd reviewd
expect /etc/reviewd/credentials 700 root root
ok "user reviewd ($entry) and folders"

if command -v systemd-analyze >/dev/null 2>&1; then
    # With man installed, verify also checks that Documentation=man:reviewd(8) resolves.
    man_check=--man=no
    command -v man >/dev/null 2>&1 && man_check=--man=yes
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$man_check" /lib/systemd/system/reviewd.service \
        >"$scratch/verify" 2>&1
    status=$?
    if [ "$status" -ne 0 ] || [ -s "$scratch/verify" ]; then
        cat "$scratch/verify" >&2
        fail "systemd-analyze verify /lib/systemd/system/reviewd.service: status $status"
    fi
    ok "systemd-analyze verify $man_check is clean on the installed unit"
else
    echo "systemd-analyze is not installed: the installed unit is not verified"
fi
if [ -d /run/systemd/system ]; then
    [ "$(systemctl is-active reviewd.service)" != active ] || fail "the install started reviewd"
    [ "$(systemctl is-enabled reviewd.service 2>/dev/null)" != enabled ] \
        || fail "the install enabled reviewd"
    ok "the service is installed, not enabled, not started"
else
    echo "systemd is not running here: the service's state is not checked"
fi

# The installed defaults work: no --config, as the service user.
cd /  # runuser keeps the working folder; the reviewd user may not read $scratch
runuser -u reviewd -- reviewd check-config >"$scratch/check" 2>&1 \
    || { cat "$scratch/check" >&2; fail "reviewd check-config (installed defaults) as reviewd"; }
runuser -u reviewd -- reviewd db migrate >"$scratch/migrate" 2>&1 \
    || { cat "$scratch/migrate" >&2; fail "reviewd db migrate (installed defaults) as reviewd"; }
[ "$(stat -c %U /var/lib/reviewd/reviewd.db)" = reviewd ] || fail "the database is not reviewd's"
runuser -u reviewd -- reviewd token create --name package-check --role admin \
    >/dev/null 2>"$scratch/token" || { cat "$scratch/token" >&2; fail "reviewd token create"; }
ok "as reviewd with the installed defaults: check-config, db migrate, token create"

dpkg -r reviewd >"$scratch/remove" 2>&1 || { cat "$scratch/remove" >&2; fail "dpkg -r"; }
[ ! -e /usr/bin/reviewd ] || fail "dpkg -r left /usr/bin/reviewd"
[ -f /etc/reviewd/reviewd.toml ] || fail "dpkg -r removed the conffiles (it must keep them)"
[ -f /var/lib/reviewd/reviewd.db ] || fail "dpkg -r removed the database"
dpkg --purge reviewd >"$scratch/purge" 2>&1 || { cat "$scratch/purge" >&2; fail "dpkg --purge"; }
installed_by_us=0
[ ! -e /etc/reviewd ] || fail "dpkg --purge left /etc/reviewd: $(find /etc/reviewd | head)"
[ -f /var/lib/reviewd/reviewd.db ] || fail "dpkg --purge removed the database (it must keep it)"
ok "dpkg -r keeps the conffiles and the database; dpkg --purge removes the conffiles only"
echo "ok: the Debian package builds, installs, verifies and purges"
