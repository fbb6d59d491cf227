#!/usr/bin/env bash
# make-manpage.sh ALLWEDD OUT.1: allwedd(1) from the binary's own --help
# (help2man), with one subsection per command holding that command's
# --help, so the man page can never drift from what the commands say.
# Run at build time (CMake option ALLWEDD_MANPAGE, on in debian/rules);
# honours SOURCE_DATE_EPOCH (help2man) for a reproducible date.
set -euo pipefail
bin=$1 out=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT

# roff-safe text: backslashes, minus signs, and lines that start with a
# control character.
roff() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

commands=$("$bin" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "make-manpage.sh: no commands in '$bin --help'" >&2; exit 1; }
{
  echo "[COMMANDS]"
  for c in $commands; do
    echo ".SS \"allwedd $c\""
    echo ".nf"
    "$bin" "$c" --help | roff
    echo ".fi"
  done
  cat <<'H2M'
[FILES]
.TP
.I /etc/allwedd/allwedd.ini
the configuration (\fBallwedd config\fR prints the settings in force)
.TP
.I /var/lib/allwedd/
the store, the allwedd user's only
.TP
.I /usr/share/allwedd/
locales, printer profiles and assets
.TP
.I /srv/allwedd/inbox/
where the export transport drops signed bundles (allwedd\-sync.path)
[ENVIRONMENT]
.TP
.B ALLWEDD_CONFIG
the configuration file when \fB\-\-config\fR is not given
.TP
.B ALLWEDD_DATA_DIR
the folder holding locales/, printers/ and assets/ instead of /usr/share/allwedd
[SEE ALSO]
.BR cage (1),
.BR systemctl (1),
.BR journalctl (1),
.BR minisign (1)
H2M
} >"$include"

help2man --no-info --section=1 --source="Allwedd" --manual="Allwedd" \
  --name="bilingual (Welsh/English) cancer key worker kiosk and card printer" \
  --include="$include" --output="$out" "$bin"
