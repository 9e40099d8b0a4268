#!/usr/bin/env bash
# Checks the files in systemd/ with systemd's own tools, offline (no running systemd needed).
#
#   check_unit.sh security UNIT [MAX_TENTHS]   systemd-analyze security --offline: the overall
#                                             exposure must be at most MAX_TENTHS/10 (default
#                                             20, i.e. 2.0, "OK"); prints the score either way
#   check_unit.sh verify UNIT BINARY          systemd-analyze verify on a copy of UNIT whose
#                                             ExecStart= runs BINARY (the built reviewd), with no
#                                             warning allowed; then BINARY must parse the
#                                             unit's command line and read its --config file
#   check_unit.sh users SYSUSERS TMPFILES     systemd-sysusers and systemd-tmpfiles --create
#                                             into a scratch root: the user, group and folders
#                                             come out with the intended owners and modes
#
# Exit status: 0 passed, 1 failed, 77 skipped (systemd-analyze or the tool is not installed, or
# not root for `users`); CTest reports 77 as skipped (SKIP_RETURN_CODE).
set -uo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (Debian package: systemd)"; }

mode=${1:-}
shift || true
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

case "$mode" in
security)
    unit=${1:?unit file}
    max_tenths=${2:-20}
    need systemd-analyze
    [ -r "$unit" ] || fail "cannot read $unit"
    # --threshold counts in tenths of the printed score: 20 fails anything above 2.0.
    systemd-analyze security --offline=true --threshold="$max_tenths" --no-pager "$unit" \
        >"$scratch/out" 2>"$scratch/err"
    status=$?
    score_line=$(grep -a 'Overall exposure level' "$scratch/out")
    [ -n "$score_line" ] || { cat "$scratch/out" "$scratch/err" >&2; fail "no exposure level printed"; }
    echo "$score_line"
    # Warnings about the unit (a misspelt or unparsable line is ignored by systemd and would
    # silently weaken the sandbox) are failures too.
    if [ -s "$scratch/err" ]; then
        cat "$scratch/err" >&2
        fail "systemd-analyze warned about $unit"
    fi
    if [ "$status" -ne 0 ]; then
        grep -a '✗' "$scratch/out" >&2
        fail "exposure is above $((max_tenths / 10)).$((max_tenths % 10)) (the exposed items are listed above)"
    fi
    echo "ok: at most $((max_tenths / 10)).$((max_tenths % 10))"
    ;;

verify)
    unit=${1:?unit file}
    binary=${2:?reviewd binary}
    need systemd-analyze
    [ -r "$unit" ] || fail "cannot read $unit"
    [ -x "$binary" ] || fail "$binary is not built"
    binary=$(realpath "$binary")  # ExecStart= needs an absolute path
    # verify checks that ExecStart's program exists and is executable; /usr/bin/reviewd is not
    # installed on a build machine, so check a copy that runs the binary just built.
    # The copy keeps the unit's name: verify derives the unit type from it.
    exec_line=$(grep -E '^ExecStart=' "$unit")
    [ "$(printf '%s\n' "$exec_line" | wc -l)" -eq 1 ] || fail "expected exactly one ExecStart= line"
    program=$(printf '%s\n' "$exec_line" | sed -E 's/^ExecStart=([^ ]+).*/\1/')
    arguments=$(printf '%s\n' "$exec_line" | sed -E 's/^ExecStart=[^ ]+//')
    [ "$program" = /usr/bin/reviewd ] || fail "ExecStart= runs $program, not /usr/bin/reviewd"
    sed "s#^ExecStart=/usr/bin/reviewd #ExecStart=$binary #" "$unit" >"$scratch/$(basename "$unit")"
    # Only the unit's own folder is searched first, and verify must not need a running systemd.
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$scratch/$(basename "$unit")" \
        >"$scratch/out" 2>"$scratch/err"
    status=$?
    cat "$scratch/out"
    # verify exits 0 after an unknown key or a value it cannot parse (it only warns), so any
    # output at all is a failure.
    if [ "$status" -ne 0 ] || [ -s "$scratch/err" ]; then
        cat "$scratch/err" >&2
        fail "systemd-analyze verify $(basename "$unit") (with ExecStart=$binary ...): status $status"
    fi
    echo "ok: systemd-analyze verify is clean (ExecStart= pointed at $binary)"
    # The command line itself must parse, with --config before the subcommand. Run it with the
    # configuration file swapped for one that does not exist: reviewd then parses the whole
    # command line and stops at reading the configuration (status 1, naming that file), where a
    # command line it cannot parse fails earlier with a usage error (status 109 or so).
    config=$(printf '%s\n' "$arguments" | sed -nE 's/.*--config ([^ ]+).*/\1/p')
    [ -n "$config" ] || fail "ExecStart= does not pass --config"
    missing="$scratch/no-such-folder/reviewd.toml"
    # shellcheck disable=SC2086  # the unit's arguments are plain words
    set -- ${arguments/--config $config/--config $missing}
    "$binary" "$@" >"$scratch/run" 2>&1
    status=$?
    if [ "$status" -ne 1 ] || ! grep -q "cannot read $missing" "$scratch/run"; then
        cat "$scratch/run" >&2
        fail "reviewd did not accept the unit's command line:$arguments (status $status)"
    fi
    echo "ok: reviewd parses$arguments (and reads the --config file)"
    ;;

users)
    sysusers=${1:?sysusers file}
    tmpfiles=${2:?tmpfiles file}
    need systemd-sysusers
    need systemd-tmpfiles
    # Creating files owned by another user needs root; CI runs as root.
    [ "$(id -u)" -eq 0 ] || skip "systemd-tmpfiles --create needs root to set owners"
    root="$scratch/root"
    mkdir -p "$root/etc"
    # With --root the file arguments would be looked up inside the root: pass them on stdin.
    systemd-sysusers --root="$root" - <"$sysusers" || fail "systemd-sysusers $sysusers"
    entry=$(grep '^reviewd:' "$root/etc/passwd") || fail "no reviewd user was created"
    echo "passwd: $entry"
    grep -q '^reviewd:' "$root/etc/group" || fail "no reviewd group was created"
    uid=$(cut -d: -f3 <<<"$entry")
    gid=$(cut -d: -f4 <<<"$entry")
    [ "$(cut -d: -f6 <<<"$entry")" = /var/lib/reviewd ] || fail "reviewd's home is not /var/lib/reviewd"
    [ "$(cut -d: -f7 <<<"$entry")" = /usr/sbin/nologin ] || fail "reviewd has a login shell"
    systemd-tmpfiles --root="$root" --create - <"$tmpfiles" >"$scratch/err" 2>&1
    status=$?
    if [ "$status" -ne 0 ] || [ -s "$scratch/err" ]; then
        cat "$scratch/err" >&2
        fail "systemd-tmpfiles --create $tmpfiles: status $status"
    fi
    expect() { # path mode uid gid
        [ -d "$root$1" ] || fail "$1 was not created"
        got=$(stat -c '%a %u %g' "$root$1")
        [ "$got" = "$2 $3 $4" ] || fail "$1 is '$got' (mode uid gid), expected '$2 $3 $4'"
        echo "ok: $1 $got"
    }
    expect /var/lib/reviewd 750 "$uid" "$gid"
    expect /var/lib/reviewd/outbox 750 "$uid" "$gid"
    expect /etc/reviewd/credentials 700 0 0
    ;;

*)
    echo "usage: $0 security UNIT [MAX_TENTHS] | verify UNIT BINARY | users SYSUSERS TMPFILES" >&2
    exit 2
    ;;
esac
