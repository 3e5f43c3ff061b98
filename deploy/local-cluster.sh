#!/usr/bin/env bash
# An AnalysisHub cluster on this machine: PostgreSQL, N silo nodes (silo + API) and one API-only gateway node.
# The fault tests drive the cluster through this script; a reviewer can use it the same way.
#
#   deploy/local-cluster.sh up [N]      start PostgreSQL (unless HUB_CONNECTION_STRING is set), apply the schema
#                                       (`migrate`), start N silos (default 3) and the gateway, wait until all are ready
#   deploy/local-cluster.sh status      every node: pid, URL, ready or not
#   deploy/local-cluster.sh kill I      kill -9 silo I (no shutdown: what a power cut does)
#   deploy/local-cluster.sh stop I      stop silo I gracefully (SIGTERM) and wait for it to leave
#   deploy/local-cluster.sh start I     start silo I again and wait until it is ready
#   deploy/local-cluster.sh restart I   stop then start silo I (one step of a rolling restart)
#   deploy/local-cluster.sh pg-stop     stop the PostgreSQL this script started
#   deploy/local-cluster.sh pg-start    start it again
#   deploy/local-cluster.sh down        stop everything and delete the state folder
#
# Environment:
#   HUB_CLUSTER_DIR        state folder: logs, pids, data (default /tmp/analysishub-cluster)
#   HUB_BASE_PORT          gateway HTTP = base, silo I HTTP = base+I, silo I Orleans = base+100+I,
#                          silo I client gateway = base+200+I, PostgreSQL = base+300 (default 5080)
#   HUB_SERVER_DLL         the built server to run (default: builds src/AnalysisHub.Server in Release)
#   HUB_CONNECTION_STRING  use this PostgreSQL database instead of starting one
#   HUB_EXTRA_ARGS         more switches for every node (e.g. "--Logging:LogLevel:Default Warning")
#   HUB_ADMIN_KEY          the admin key every node is given (Hub:Auth:BootstrapAdminKey); default: one generated at
#                          `up` and kept in $HUB_CLUSTER_DIR/admin-key (owner-only) — send it as X-Api-Key
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${HUB_CLUSTER_DIR:-/tmp/analysishub-cluster}"
PG_BIN="${HUB_PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE="$DIR/cluster.env"

die() { echo "local-cluster: $*" >&2; exit 1; }

load_state() {
  [[ -f "$STATE" ]] || die "no cluster in $DIR (run: $0 up)"
  # shellcheck source=/dev/null
  source "$STATE"
}

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $DIR/pg -c listen_addresses='127.0.0.1' -c max_connections=200" start >/dev/null
}

pg_stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w -t 60 stop >/dev/null
}

pg_init() {
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL is not installed ($PG_BIN/initdb missing): apt-get install -y postgresql"
  mkdir -p "$DIR/pg"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$DIR/pg"; fi
  chmod 700 "$DIR/pg"
  as_postgres "$PG_BIN/initdb" -D "$DIR/pg/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  pg_start
  as_postgres "$PG_BIN/createdb" -h "$DIR/pg" -p "$PG_PORT" -U postgres hub
}

node_args() { # $1 = silo number, or "gateway"
  local common=(--storage postgres --connection-string "$CONNECTION_STRING" --cluster-id local --service-id analysishub)
  if [[ "$1" == gateway ]]; then
    echo --role gateway --urls "http://127.0.0.1:$BASE_PORT" --data-dir "$DIR/gateway" "${common[@]@Q}"
  else
    echo --role silo --urls "http://127.0.0.1:$((BASE_PORT + $1))" --data-dir "$DIR/silo-$1" \
      --silo-port "$((BASE_PORT + 100 + $1))" --gateway-port "$((BASE_PORT + 200 + $1))" "${common[@]@Q}"
  fi
}

node_url() { if [[ "$1" == gateway ]]; then echo "http://127.0.0.1:$BASE_PORT"; else echo "http://127.0.0.1:$((BASE_PORT + $1))"; fi; }

node_pid() { cat "$DIR/$1.pid" 2>/dev/null || true; }
node_name() { if [[ "$1" == gateway ]]; then echo gateway; else echo "silo-$1"; fi; }

start_node() {
  local name; name="$(node_name "$1")"
  local pid; pid="$(node_pid "$name")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then die "$name is already running (pid $pid)"; fi
  # shellcheck disable=SC2046
  # The key travels in the environment, not the command line, so `ps` does not show it.
  eval "Hub__Auth__BootstrapAdminKey=\"\$(cat \"$DIR/admin-key\")\" setsid dotnet \"$SERVER_DLL\" $(node_args "$1") ${HUB_EXTRA_ARGS:-} >>\"$DIR/$name.log\" 2>&1 &"
  echo $! >"$DIR/$name.pid"
}

ready() { # $1 = URL; 0 when /health/ready answers 200
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(sys.argv[1] + "/health/ready", timeout=3).status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

wait_ready() { # $1 = silo number or gateway
  local name; name="$(node_name "$1")"
  local url; url="$(node_url "$1")"
  for _ in $(seq 1 240); do
    local pid; pid="$(node_pid "$name")"
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then tail -n 40 "$DIR/$name.log" >&2; die "$name exited while starting"; fi
    if ready "$url"; then echo "$name ready at $url"; return 0; fi
    sleep 0.5
  done
  tail -n 40 "$DIR/$name.log" >&2
  die "$name not ready within 120 s"
}

cmd_up() {
  local silos="${1:-3}"
  [[ -f "$STATE" ]] && die "a cluster is already described in $DIR (run: $0 down)"
  mkdir -p "$DIR"
  BASE_PORT="${HUB_BASE_PORT:-5080}"
  PG_PORT=$((BASE_PORT + 300))
  if [[ -n "${HUB_SERVER_DLL:-}" ]]; then
    SERVER_DLL="$HUB_SERVER_DLL"
  else
    dotnet build "$ROOT/src/AnalysisHub.Server" -c Release -v quiet -nologo >/dev/null
    SERVER_DLL="$ROOT/src/AnalysisHub.Server/bin/Release/net10.0/AnalysisHub.Server.dll"
  fi
  [[ -f "$SERVER_DLL" ]] || die "server not found: $SERVER_DLL"
  if [[ -n "${HUB_CONNECTION_STRING:-}" ]]; then
    CONNECTION_STRING="$HUB_CONNECTION_STRING"; OWN_PG=0
  else
    pg_init
    CONNECTION_STRING="Host=$DIR/pg;Port=$PG_PORT;Username=postgres;Database=hub"; OWN_PG=1
  fi
  cat >"$STATE" <<EOF
BASE_PORT=$BASE_PORT
PG_PORT=$PG_PORT
SILOS=$silos
OWN_PG=$OWN_PG
SERVER_DLL=${SERVER_DLL@Q}
CONNECTION_STRING=${CONNECTION_STRING@Q}
EOF
  (umask 077; printf '%s\n' "${HUB_ADMIN_KEY:-$(python3 -c 'import secrets; print("ahk_" + secrets.token_urlsafe(32))')}" >"$DIR/admin-key")
  dotnet "$SERVER_DLL" migrate --storage postgres --connection-string "$CONNECTION_STRING"
  for i in $(seq 1 "$silos"); do start_node "$i"; done
  for i in $(seq 1 "$silos"); do wait_ready "$i"; done
  start_node gateway
  wait_ready gateway
  echo "cluster up: gateway http://127.0.0.1:$BASE_PORT, $silos silos, state in $DIR, admin key in $DIR/admin-key"
}

cmd_status() {
  load_state
  for node in $(seq 1 "$SILOS") gateway; do
    local name; name="$(node_name "$node")"
    local pid; pid="$(node_pid "$name")"
    local state=stopped
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      if ready "$(node_url "$node")"; then state=ready; else state=running; fi
    fi
    printf '%-8s pid %-8s %-26s %s\n' "$name" "${pid:--}" "$(node_url "$node")" "$state"
  done
}

cmd_kill() {
  load_state
  local pid; pid="$(node_pid "silo-$1")"
  [[ -n "$pid" ]] || die "silo-$1 has no pid"
  kill -9 "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$DIR/silo-$1.pid"
  echo "silo-$1 killed (pid $pid)"
}

cmd_stop() {
  load_state
  local pid; pid="$(node_pid "silo-$1")"
  [[ -n "$pid" ]] || die "silo-$1 has no pid"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; echo "silo-$1 did not stop in 60 s: killed" >&2; fi
  rm -f "$DIR/silo-$1.pid"
  echo "silo-$1 stopped (pid $pid)"
}

cmd_start() { load_state; start_node "$1"; wait_ready "$1"; }

cmd_down() {
  [[ -f "$STATE" ]] || { rm -rf "$DIR"; return 0; }
  load_state
  for pidfile in "$DIR"/*.pid; do
    [[ -f "$pidfile" ]] || continue
    kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [[ "$OWN_PG" == 1 && -f "$DIR/pg/data/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m immediate -w stop >/dev/null || true
  fi
  rm -rf "$DIR"
  echo "cluster down"
}

case "${1:-}" in
  up) cmd_up "${2:-3}" ;;
  status) cmd_status ;;
  kill) cmd_kill "${2:?silo number}" ;;
  stop) cmd_stop "${2:?silo number}" ;;
  start) cmd_start "${2:?silo number}" ;;
  restart) cmd_stop "${2:?silo number}"; cmd_start "$2" ;;
  pg-stop) load_state; [[ "$OWN_PG" == 1 ]] || die "PostgreSQL was not started by this script"; pg_stop; echo "PostgreSQL stopped" ;;
  pg-start) load_state; [[ "$OWN_PG" == 1 ]] || die "PostgreSQL was not started by this script"; pg_start; echo "PostgreSQL started" ;;
  down) cmd_down ;;
  *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
