#!/usr/bin/env bash
# Throwaway PostgreSQL and RabbitMQ servers for Estuary's integration tests.
#
#   eng/services.sh start    start both (idempotent; quick when already up; recovers after kill -9)
#   eng/services.sh stop     stop both (no-op when already stopped)
#   eng/services.sh status   report each one; exits 1 when one of them is down
#   eng/services.sh env      print `export ESTUARY_...=...` lines:  eval "$(eng/services.sh env)"
#
# Works as root on Debian 12 without systemd or Docker (CI, dev containers). PostgreSQL runs as the
# `postgres` OS user from a private data directory, so the distribution's default cluster is untouched.
#
# Settings (environment):
#   ESTUARY_SERVICES_DIR    PostgreSQL data, socket and log      (default /tmp/estuary-pg)
#   ESTUARY_PG_PORT         PostgreSQL port on 127.0.0.1         (default 54329)
#   ESTUARY_RABBITMQ_PORT   AMQP port on 127.0.0.1               (default 5672)
#   ESTUARY_SKIP_POSTGRES=1 / ESTUARY_SKIP_RABBITMQ=1   leave that server alone and print no env line for
#                           it (bring your own and export ESTUARY_POSTGRES / ESTUARY_RABBITMQ yourself)
set -euo pipefail

PG_DIR="${ESTUARY_SERVICES_DIR:-/tmp/estuary-pg}"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_PORT="${ESTUARY_PG_PORT:-54329}"
PG_DB=estuary
RMQ_PORT="${ESTUARY_RABBITMQ_PORT:-5672}"
RMQ_NODE=rabbit@localhost
RMQ_ENV_FILE=/etc/rabbitmq/rabbitmq-env.conf

export DEBIAN_FRONTEND=noninteractive

log() { printf '[services %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
skip_pg() { [[ "${ESTUARY_SKIP_POSTGRES:-0}" == 1 ]]; }
skip_rmq() { [[ "${ESTUARY_SKIP_RABBITMQ:-0}" == 1 ]]; }
is_root() { [[ "$(id -u)" == 0 ]]; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now() { date +%s.%N; }
since() { awk -v from="$1" -v to="$(now)" 'BEGIN { printf "%.1f s", to - from }'; }

# Install Debian packages that are missing. The package lists may be empty on a fresh machine, so
# `apt-get update` runs only when the first install attempt fails.
apt_install() {
  local missing=() p
  for p in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == *"install ok installed"* ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  is_root || die "missing packages: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  log "apt-get install ${missing[*]}"
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# --------------------------------------------------------------------------------------- PostgreSQL

# PostgreSQL 15 is the version the project is tested against; otherwise take the newest installed.
pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    [[ -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  return 1
}

# The server refuses to run as root, so root runs the cluster as `postgres`; anyone else runs it as
# themselves (the database superuser is still called `postgres`, see initdb -U).
as_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

# After kill -9 the data directory keeps postmaster.pid. PostgreSQL ignores it only when the pid is
# gone; it refuses to start while that pid is a zombie (containers whose init reaps late) or has been
# reused by another process. So remove it unless it names a live postgres.
pg_clear_stale_pid() {
  local pidfile="$PG_DATA/postmaster.pid" pid state
  [[ -f "$pidfile" ]] || return 0
  pid="$(head -1 "$pidfile")"
  state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)"
  if [[ -n "$pid" && -n "$state" && "$state" != Z && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]]; then
    return 0 # a live server (maybe still starting); pg_ctl start will wait or report it
  fi
  log "removing stale $pidfile (pid $pid is no longer a running postgres)"
  rm -f "$pidfile" "$PG_DIR/.s.PGSQL.$PG_PORT" "$PG_DIR/.s.PGSQL.$PG_PORT.lock"
}

pg_start() {
  local t0; t0="$(now)"
  PG_BIN="$(pg_bin)" || { apt_install postgresql; PG_BIN="$(pg_bin)"; }
  if ! pg_ready; then
    mkdir -p "$PG_DIR"
    is_root && chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
      log "initdb $PG_DATA"
      # trust: a throwaway cluster that only listens on loopback; tests connect without a password
      as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    pg_clear_stale_pid
    # Durability is pointless for test data: fsync and friends off make commits several times faster.
    local opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200"
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    # Backends orphaned by a kill -9 of the postmaster hold the old shared memory for a moment and
    # make a start fail ("pre-existing shared memory block is still in use"); try again briefly.
    local attempt
    for attempt in 1 2 3 4 5; do
      log "pg_ctl start on 127.0.0.1:$PG_PORT (attempt $attempt)"
      if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$opts" -w -t 60 start \
        </dev/null >/dev/null 2>&1; then
        break
      fi
      pg_ready && break
      ((attempt == 5)) && { tail -20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: $PG_LOG)"; }
      sleep 1
    done
  fi
  pg_ready || die "PostgreSQL is not accepting connections on 127.0.0.1:$PG_PORT"
  local exists
  exists="$(psql_q -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")"
  [[ "$exists" == 1 ]] || psql_q -c "CREATE DATABASE $PG_DB" >/dev/null
  log "PostgreSQL $(psql_q -c 'SHOW server_version') ready on 127.0.0.1:$PG_PORT, database $PG_DB ($(since "$t0"))"
}

psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }

pg_stop() {
  PG_BIN="$(pg_bin)" || { log "PostgreSQL is not installed"; return 0; }
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || pg_clear_stale_pid
    log "PostgreSQL stopped"
  else
    log "PostgreSQL not running"
  fi
}

pg_status() {
  PG_BIN="$(pg_bin)" || { echo "postgres: not installed"; return 1; }
  if pg_ready; then
    echo "postgres: up on 127.0.0.1:$PG_PORT (data $PG_DATA)"
  else
    echo "postgres: down"
    return 1
  fi
}

# ----------------------------------------------------------------------------------------- RabbitMQ

# rabbitmqctl boots an Erlang VM per call (~0.7 s), so callers check the cheap AMQP port first.
rmq_ctl() { rabbitmqctl -q -n "$RMQ_NODE" "$@"; }
rmq_up() { port_open "$RMQ_PORT" && rmq_ctl await_startup --timeout 10 >/dev/null 2>&1; }

rmq_write_env() {
  # rabbit@localhost does not depend on the container's hostname resolving; everything on loopback.
  local want
  want="$(printf '%s\n' \
    "# written by Estuary eng/services.sh" \
    "NODENAME=$RMQ_NODE" \
    "NODE_IP_ADDRESS=127.0.0.1" \
    "NODE_PORT=$RMQ_PORT" \
    'SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"' \
    "export ERL_EPMD_ADDRESS=127.0.0.1")"
  [[ "$(cat "$RMQ_ENV_FILE" 2>/dev/null)" == "$want" ]] || printf '%s\n' "$want" >"$RMQ_ENV_FILE"
}

# pid of the RabbitMQ Erlang VM, if any. The node name is not on its command line, so match
# `-s rabbit boot`; read /proc directly because minimal images have no procps (pgrep).
rmq_beam_pid() {
  local dir
  for dir in /proc/[0-9]*; do
    [[ "$(cat "$dir/comm" 2>/dev/null)" == beam.smp ]] || continue
    if [[ "$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null)" == *" -s rabbit boot "* ]]; then
      echo "${dir#/proc/}"
      return 0
    fi
  done
  return 1
}

rmq_start() {
  local t0; t0="$(now)"
  is_root || command -v rabbitmq-server >/dev/null ||
    die "rabbitmq-server is not installed; run as root or set ESTUARY_SKIP_RABBITMQ=1"
  # Debian's postinst does not start the server here (no systemd), so installing is side-effect free.
  apt_install rabbitmq-server
  if rmq_up; then
    log "RabbitMQ already running on 127.0.0.1:$RMQ_PORT"
    return 0
  fi
  rmq_write_env
  # A beam that is alive but not answering (half-started, or wedged) would block the new node name.
  local stale
  if stale="$(rmq_beam_pid)"; then
    log "RabbitMQ node $RMQ_NODE is running but not ready: waiting for it"
    if ! rmq_wait 60; then
      log "killing unresponsive RabbitMQ node (pid $stale)"
      kill -9 "$stale" 2>/dev/null || true
      sleep 1
    fi
  fi
  if ! rmq_up; then
    log "rabbitmq-server -detached (port $RMQ_PORT)"
    # Detached daemons must not hold our stdout: CI reads it through a pipe and waits for EOF.
    rabbitmq-server -detached </dev/null >>/tmp/estuary-rabbitmq-start.log 2>&1
    rmq_wait 120 || {
      tail -40 "/var/log/rabbitmq/$RMQ_NODE.log" >&2 2>/dev/null || true
      die "RabbitMQ did not start (log: /var/log/rabbitmq/$RMQ_NODE.log)"
    }
  fi
  log "RabbitMQ $(rmq_ctl version 2>/dev/null) ready on 127.0.0.1:$RMQ_PORT ($(since "$t0"))"
}

# Wait for the AMQP port (opened last during boot), then confirm with await_startup, which exits 69
# at once while the node is still registering with epmd, hence the retries.
rmq_wait() {
  local seconds="$1" deadline
  deadline=$((SECONDS + seconds))
  until port_open "$RMQ_PORT"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
  until rmq_ctl await_startup --timeout 30 >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

rmq_stop() {
  command -v rabbitmqctl >/dev/null || { log "RabbitMQ is not installed"; return 0; }
  local pid
  if ! pid="$(rmq_beam_pid)"; then
    log "RabbitMQ not running"
  elif rmq_ctl shutdown >/dev/null 2>&1; then # returns once the VM has exited
    log "RabbitMQ stopped"
  else
    log "RabbitMQ did not shut down cleanly; killing pid $pid"
    kill -9 "$pid" 2>/dev/null || true
  fi
  # epmd outlives the node; it would keep port 4369 and a detached process around
  epmd -kill >/dev/null 2>&1 || true
}

rmq_status() {
  if ! command -v rabbitmqctl >/dev/null; then
    echo "rabbitmq: not installed"
    return 1
  fi
  if rmq_up; then
    echo "rabbitmq: up on 127.0.0.1:$RMQ_PORT (node $RMQ_NODE)"
  else
    echo "rabbitmq: down"
    return 1
  fi
}

# ------------------------------------------------------------------------------------------- main

print_env() {
  skip_pg || echo "export ESTUARY_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$PG_DB'"
  skip_rmq || echo "export ESTUARY_RABBITMQ='amqp://guest:guest@127.0.0.1:$RMQ_PORT/'"
}

case "${1:-}" in
  start)
    if skip_pg; then log "PostgreSQL skipped (ESTUARY_SKIP_POSTGRES=1)"; else pg_start; fi
    if skip_rmq; then log "RabbitMQ skipped (ESTUARY_SKIP_RABBITMQ=1)"; else rmq_start; fi
    ;;
  stop)
    if ! skip_rmq; then rmq_stop; fi
    if ! skip_pg; then pg_stop; fi
    ;;
  status)
    rc=0
    skip_pg || pg_status || rc=1
    skip_rmq || rmq_status || rc=1
    exit "$rc"
    ;;
  env) print_env ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
