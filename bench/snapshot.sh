#!/usr/bin/env bash
# One resource snapshot, printed as one line of key=value pairs:
#   bench/snapshot.sh LABEL SERVICE_PID DB_NAME
# t_ms      wall clock (ms since epoch)
# svc_ticks service process CPU (utime+stime, clock ticks) ; svc_rss_kb its resident set
# db_ticks  CPU of the PostgreSQL backends connected to DB_NAME (the service's pool, pgbench's clients)
# busy/total machine-wide CPU ticks from /proc/stat (all cores)
# segs      TCP data segments the service sent to PostgreSQL (one per round trip: pgjdbc flushes once per Sync)
# gen_ticks CPU of the parent process (the calling script)
# wal_bytes, wal_fpi  PostgreSQL's WAL written so far, and its full-page images (pg_stat_wal, whole cluster)
# pg_ticks  CPU of the whole PostgreSQL cluster: every server process, plus what the postmaster's ended children
#           used (cutime+cstime), so that backends which ended between two snapshots (pgbench's) are counted too
set -u
label=$1 pid=$2 db=$3
ticks() { # utime + stime of a pid (fields 14 and 15, counted after the ")" that closes the command name)
  local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  s=${s##*) }; set -- $s; echo $(( ${12} + ${13} ))
}
svc=$(ticks "$pid")
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
dbt=0
for p in $(pgrep -f "^postgres: ([^ ]+: )?[^ ]+ $db " 2>/dev/null); do dbt=$(( dbt + $(ticks "$p") )); done
pg=0
postmaster=$(pgrep -o -x postgres 2>/dev/null || true)
if [[ -n "$postmaster" ]]; then
  for p in $(pgrep -x postgres); do pg=$(( pg + $(ticks "$p") )); done
  s=$(cat "/proc/$postmaster/stat"); s=${s##*) }; set -- $s; pg=$(( pg + ${14} + ${15} ))
fi
read -r _ u n s i w irq sirq st _ < /proc/stat
busy=$(( u + n + s + irq + sirq + st )); total=$(( busy + i + w ))
segs=$(ss -tinpH state established '( dport = :5432 )' 2>/dev/null | awk -v pid="pid=$pid," '
  /users:\(\(/ { mine = index($0, pid) > 0; next }
  mine { for (f = 1; f <= NF; f++) if ($f ~ /^data_segs_out:/) { split($f, a, ":"); sum += a[2] } mine = 0 }
  END { print sum + 0 }')
wal=$(psql -XAtq -F ' ' -d "$db" -c 'SELECT wal_bytes::bigint, wal_fpi FROM pg_stat_wal' 2>/dev/null || echo "0 0")
echo "label=$label wal_bytes=${wal%% *} wal_fpi=${wal##* } t_ms=$(date +%s%3N) svc_ticks=$svc svc_rss_kb=${rss:-0} db_ticks=$dbt pg_ticks=$pg busy=$busy total=$total segs=$segs gen_ticks=$(ticks "$PPID")"
