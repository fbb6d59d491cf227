# Real printing for tests: source this file, then call
#
#   pe_init                         # temp dir, and a trap that stops everything started
#   pe_start_printer NAME           # ippeveprinter on a free loopback port -> $PE_PRINTER_URI,
#                                   #   keeps received documents in $PE_PRINTER_DIR; jobs complete
#                                   #   at once (-c /bin/true), or with PE_PRINTER_SIMULATE=1 take
#                                   #   ippeveprinter's simulated printing time (a second job
#                                   #   meanwhile is answered server-error-busy)
#   pe_start_cupsd                  # private cupsd on another free port -> exports CUPS_SERVER
#   pe_add_queue QUEUE URI          # lpadmin -p QUEUE -E -v URI -m everywhere
#   pe_add_fault_queue QUEUE REASON # a queue whose device reports REASON (media-jam...)
#   pe_wait_document DIR [SECONDS]  # path of the first document the printer kept
#   pe_wait_queue_idle QUEUE [SECONDS] # until cupsd has no unfinished job on QUEUE
#   pe_pwg_to_ppm IN.pwg OUT.ppm    # page 1 of a PWG raster as a PPM image (for zbarimg)
#   pe_free_port                    # prints a free TCP port on 127.0.0.1
#
# ippeveprinter needs DNS-SD, so dbus and avahi-daemon are started when they
# are not already running (there is no systemd on CI machines; stale pid
# files from an earlier run would block them). Several test scripts may use
# them at once: a holder count under a lock decides who stops them, and
# only daemons this helper started are ever stopped.
#
# Works as root on a fresh CI machine (cupsd runs its filters as user lp, so
# the private directories are made traversable).

PE_LOCK=/tmp/allwedd-printenv.lock
PE_STATE=/tmp/allwedd-printenv.state
PE_PIDS=()

# Print a line prefixed with the helper's name.
pe_log() { echo "printenv: $*"; }

# True when process PID exists and is not a zombie (a container's PID 1 may
# never reap daemons, and kill -0 succeeds on a zombie).
pe_alive() {
  local state
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# A free TCP port on 127.0.0.1 (nothing answers on it right now).
pe_free_port() {
  local port i
  for i in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Wait until something listens on 127.0.0.1:PORT (up to SECONDS, default 10).
pe_wait_port() {
  local port=$1 limit=$(( ${2:-10} * 20 )) i
  for i in $(seq 1 "$limit"); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# True when the system D-Bus answers.
pe_dbus_running() {
  [ -S /run/dbus/system_bus_socket ] &&
    dbus-send --system --print-reply --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.GetId >/dev/null 2>&1
}

# Start dbus and avahi-daemon unless running; register this shell as a holder.
pe_start_dnssd() {
  local fd
  exec {fd}>"$PE_LOCK"
  flock "$fd"
  touch "$PE_STATE"
  # Forget holders that died without cleaning up. (Lines once written with a
  # leading space by an older version of this helper still count.)
  local live="" h
  for h in $(grep -E '^ *holder ' "$PE_STATE" | awk '{print $2}'); do
    pe_alive "$h" && live="${live}holder $h"$'\n'
  done
  { grep -Ev '^ *holder ' "$PE_STATE"; printf '%s' "$live"; echo "holder $$"; } >"$PE_STATE.new"
  mv "$PE_STATE.new" "$PE_STATE"
  if ! pe_dbus_running; then
    mkdir -p /run/dbus
    if [ -f /run/dbus/pid ] && ! pe_alive "$(cat /run/dbus/pid)"; then
      rm -f /run/dbus/pid
    fi
    rm -f /run/dbus/system_bus_socket
    local pid
    pid=$(dbus-daemon --system --fork --print-pid) || { flock -u "$fd"; return 1; }
    echo "started dbus $pid" >>"$PE_STATE"
    pe_log "started dbus-daemon (pid $pid)"
  fi
  if ! avahi-daemon --check 2>/dev/null; then
    if [ -f /run/avahi-daemon/pid ] && ! pe_alive "$(cat /run/avahi-daemon/pid)"; then
      rm -f /run/avahi-daemon/pid
    fi
    avahi-daemon --daemonize --no-chroot
    local i
    for i in $(seq 1 100); do
      avahi-daemon --check 2>/dev/null && break
      sleep 0.05
    done
    echo "started avahi $(cat /run/avahi-daemon/pid 2>/dev/null)" >>"$PE_STATE"
    pe_log "started avahi-daemon (pid $(cat /run/avahi-daemon/pid 2>/dev/null))"
  fi
  flock -u "$fd"
  exec {fd}>&-
  PE_DNSSD_HOLDER=1
}

# Drop this shell's hold on dbus/avahi; the last holder stops what the helper started.
pe_stop_dnssd() {
  [ -n "${PE_DNSSD_HOLDER:-}" ] || return 0
  local fd others=0 h
  exec {fd}>"$PE_LOCK"
  flock "$fd"
  for h in $(grep -E '^ *holder ' "$PE_STATE" | awk '{print $2}'); do
    [ "$h" != "$$" ] && pe_alive "$h" && others=$((others + 1))
  done
  grep -Ev "^ *holder $$\$" "$PE_STATE" >"$PE_STATE.new"; mv "$PE_STATE.new" "$PE_STATE"
  if [ "$others" -eq 0 ]; then
    local what pid
    while read -r _ what pid; do
      [ -n "$pid" ] || continue
      if [ "$what" = avahi ]; then
        avahi-daemon --kill 2>/dev/null || kill "$pid" 2>/dev/null
      else
        kill "$pid" 2>/dev/null
      fi
      for _ in $(seq 1 40); do pe_alive "$pid" || break; sleep 0.05; done
      # Its pid file would block the next start (no init reaps it here).
      if [ "$what" = dbus ] && [ "$(cat /run/dbus/pid 2>/dev/null)" = "$pid" ]; then
        rm -f /run/dbus/pid
      fi
      if [ "$what" = avahi ] && [ "$(cat /run/avahi-daemon/pid 2>/dev/null)" = "$pid" ]; then
        rm -f /run/avahi-daemon/pid
      fi
      pe_log "stopped $what (pid $pid)"
    done < <(grep '^started ' "$PE_STATE")
    grep -v '^started ' "$PE_STATE" >"$PE_STATE.new"; mv "$PE_STATE.new" "$PE_STATE"
  fi
  flock -u "$fd"
  exec {fd}>&-
  PE_DNSSD_HOLDER=
}

# Stop everything this shell started, remove the temp dir.
pe_cleanup() {
  local pid
  for pid in "${PE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${PE_PIDS[@]}"; do
    for _ in $(seq 1 40); do pe_alive "$pid" || break; sleep 0.05; done
    pe_alive "$pid" && kill -9 "$pid" 2>/dev/null
  done
  PE_PIDS=()
  pe_stop_dnssd
  [ -n "${PE_DIR:-}" ] && [ -z "${PE_KEEP:-}" ] && rm -rf "$PE_DIR"
}

# Make the temp dir and arrange the cleanup: a hook for tests/lib/common.sh
# when it is sourced (it owns the EXIT trap), else an EXIT trap.
pe_init() {
  PE_DIR=$(mktemp -d /tmp/allwedd-print-XXXXXX)
  chmod 755 "$PE_DIR"
  if declare -p cleanup_hooks >/dev/null 2>&1; then
    cleanup_hooks+=(pe_cleanup)
  else
    trap pe_cleanup EXIT
  fi
  trap 'exit 130' INT TERM HUP PIPE
}

# Start ippeveprinter NAME (extra ippeveprinter options after NAME).
pe_start_printer() {
  local name=$1; shift
  pe_start_dnssd || { pe_log "cannot start dbus/avahi"; return 1; }
  PE_PRINTER_PORT=$(pe_free_port)
  PE_PRINTER_DIR="$PE_DIR/printer-$name"
  mkdir -p "$PE_PRINTER_DIR"
  local command=(-c /bin/true)
  [ "${PE_PRINTER_SIMULATE:-}" = 1 ] && command=()
  ippeveprinter -p "$PE_PRINTER_PORT" -n localhost -k -d "$PE_PRINTER_DIR" "${command[@]}" \
    -f image/png,image/pwg-raster -r off "$@" "$name" >"$PE_DIR/ippeveprinter-$name.log" 2>&1 &
  PE_PIDS+=($!)
  if ! pe_wait_port "$PE_PRINTER_PORT" 10; then
    pe_log "ippeveprinter did not start:"; cat "$PE_DIR/ippeveprinter-$name.log"
    return 1
  fi
  PE_PRINTER_URI="ipp://localhost:$PE_PRINTER_PORT/ipp/print"
  pe_log "ippeveprinter '$name' at $PE_PRINTER_URI (pid $!)"
}

# A private ServerBin: the system's filters and backends, plus the test
# backend "allweddfault:/REASON" that reports printer-state-reason REASON
# (as a real card printer's driver does for a jam) and stops the queue.
pe_make_serverbin() {
  local bin=$1 d f
  mkdir -p "$bin/backend"
  for d in /usr/lib/cups/*; do
    [ "$(basename "$d")" = backend ] || ln -s "$d" "$bin/$(basename "$d")"
  done
  for f in /usr/lib/cups/backend/*; do ln -s "$f" "$bin/backend/$(basename "$f")"; done
  cat >"$bin/backend/allweddfault" <<'BACKEND'
#!/bin/sh
# Test backend: DEVICE_URI allweddfault:/REASON reports REASON and stops the queue.
if [ $# -eq 0 ]; then
  echo 'direct allweddfault "Allwedd" "Allwedd test fault backend"'
  exit 0
fi
reason=${DEVICE_URI#allweddfault:/}
echo "STATE: +$reason-error" >&2
echo "ERROR: simulated $reason" >&2
sleep 2
exit 4
BACKEND
  chmod 755 "$bin/backend/allweddfault"
}

# Start a private cupsd on a free port and point CUPS clients at it.
pe_start_cupsd() {
  local root="$PE_DIR/cups"
  PE_CUPSD_PORT=$(pe_free_port)
  mkdir -p "$root"/{etc,spool,spool/tmp,cache,run,log,ppd}
  pe_make_serverbin "$root/serverbin"
  chmod -R 755 "$root"
  chmod 1777 "$root/spool/tmp"
  cat >"$root/etc/cupsd.conf" <<EOF
Listen 127.0.0.1:$PE_CUPSD_PORT
ServerName 127.0.0.1
LogLevel info
MaxLogSize 0
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
WebInterface No
JobRetryLimit 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
    Allow all
  </Limit>
</Policy>
EOF
  cat >"$root/etc/cups-files.conf" <<EOF
ServerRoot $root/etc
RequestRoot $root/spool
TempDir $root/spool/tmp
CacheDir $root/cache
StateDir $root/run
AccessLog $root/log/access_log
ErrorLog $root/log/error_log
PageLog $root/log/page_log
ServerBin $root/serverbin
DataDir /usr/share/cups
SystemGroup root
EOF
  cupsd -f -c "$root/etc/cupsd.conf" -s "$root/etc/cups-files.conf" >"$PE_DIR/cupsd.log" 2>&1 &
  PE_PIDS+=($!)
  if ! pe_wait_port "$PE_CUPSD_PORT" 10; then
    pe_log "cupsd did not start:"; cat "$PE_DIR/cupsd.log" "$root/log/error_log" 2>/dev/null
    return 1
  fi
  export CUPS_SERVER="127.0.0.1:$PE_CUPSD_PORT"
  PE_CUPSD_LOG="$root/log/error_log"
  pe_log "cupsd at $CUPS_SERVER (pid $!)"
}

# Add an IPP Everywhere queue QUEUE for URI on the private cupsd, enabled.
pe_add_queue() {
  local queue=$1 uri=$2
  lpadmin -p "$queue" -E -v "$uri" -m everywhere || return 1
  cupsenable "$queue" && cupsaccept "$queue" || return 1
  pe_log "queue '$queue' -> $uri"
}

# Add queue QUEUE on the private cupsd whose device reports printer-state
# reason REASON (media-jam, media-empty, ...) on its first job. Needs a
# queue made by pe_add_queue first (its PPD is reused).
pe_add_fault_queue() {
  local queue=$1 reason=$2 ppd
  ppd=$(ls "$PE_DIR"/cups/etc/ppd/*.ppd 2>/dev/null | head -1)
  [ -n "$ppd" ] || { pe_log "pe_add_fault_queue: add an IPP Everywhere queue first"; return 1; }
  lpadmin -p "$queue" -E -v "allweddfault:/$reason" -P "$ppd" 2>/dev/null || return 1
  pe_log "queue '$queue' -> a device that reports $reason"
}

# Wait until cupsd's queue QUEUE has no unfinished jobs (up to SECONDS,
# default 10). allwedd reports a card done when the printer behind the
# queue has finished it; cupsd's ipp backend notices up to a second later.
pe_wait_queue_idle() {
  local queue=$1 limit=$(( ${2:-10} * 20 )) i
  for i in $(seq 1 "$limit"); do
    [ -z "$(lpstat -o "$queue" 2>/dev/null)" ] && return 0
    sleep 0.05
  done
  return 1
}

# Print the path of the first document in DIR, waiting up to SECONDS (default 10).
pe_wait_document() {
  local dir=$1 limit=$(( ${2:-10} * 20 )) f i
  for i in $(seq 1 "$limit"); do
    for f in "$dir"/*; do
      case "$f" in
        *.png|*.pwg|*.urf|*.prn|*.ras|*.pdf|*.jpg) [ -s "$f" ] && { sleep 0.1; echo "$f"; return 0; } ;;
      esac
    done
    sleep 0.05
  done
  return 1
}

# Convert page 1 of a PWG raster (sRGB or sGray, 8 bits) to a binary PPM.
pe_pwg_to_ppm() {
  local tool="$PE_DIR/pwg2ppm"
  if [ ! -x "$tool" ]; then
    cat >"$PE_DIR/pwg2ppm.c" <<'EOF'
#include <cups/raster.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
/* pwg2ppm IN OUT: page 1 of an 8-bit sRGB/sGray PWG raster as a P6 PPM. */
int main(int argc, char **argv)
{
  cups_page_header2_t h;
  int fd = argc == 3 ? open(argv[1], O_RDONLY) : -1;
  cups_raster_t *r = fd >= 0 ? cupsRasterOpen(fd, CUPS_RASTER_READ) : NULL;
  if (!r || !cupsRasterReadHeader2(r, &h) || h.cupsBitsPerColor != 8) return 1;
  unsigned char *row = malloc(h.cupsBytesPerLine);
  FILE *out = fopen(argv[2], "wb");
  if (!row || !out) return 1;
  fprintf(out, "P6\n%u %u\n255\n", h.cupsWidth, h.cupsHeight);
  for (unsigned y = 0; y < h.cupsHeight; y++) {
    if (cupsRasterReadPixels(r, row, h.cupsBytesPerLine) != h.cupsBytesPerLine) return 1;
    for (unsigned x = 0; x < h.cupsWidth; x++) {
      unsigned char *p = row + x * (h.cupsNumColors == 1 ? 1 : 3);
      unsigned char rgb[3] = {p[0], h.cupsNumColors == 1 ? p[0] : p[1], h.cupsNumColors == 1 ? p[0] : p[2]};
      fwrite(rgb, 1, 3, out);
    }
  }
  printf("%ux%u %u dpi, %u colours\n", h.cupsWidth, h.cupsHeight, h.HWResolution[0], h.cupsNumColors);
  return fclose(out) != 0;
}
EOF
    # shellcheck disable=SC2046
    cc -o "$tool" "$PE_DIR/pwg2ppm.c" $(cups-config --cflags) $(cups-config --libs) || return 1
  fi
  "$tool" "$1" "$2"
}
