#!/usr/bin/env bash
# Local infrastructure for development and tests, without Docker:
#   * our own PostgreSQL 15 cluster (+ pgvector >= 0.5, built from Debian trixie's source package)
#   * our own RabbitMQ node
# Both listen ONLY on 127.0.0.1, on private ports, with all state under <repo>/.local/.
#
# Usage: scripts/infra.sh <command>
#   install         apt-get install postgresql-15, server-dev, build tools, rabbitmq-server, chromium; build pgvector (idempotent)
#   start           start PostgreSQL + RabbitMQ (runs `install` first when binaries are missing); prints export lines
#   status          report whether each part runs (exit 0 if both are up, 1 otherwise)
#   stop            stop both cleanly
#   env             print only the export lines:   eval "$(scripts/infra.sh env)"
#   restart-pg | restart-rabbit     stop + start one part (for fault tests)
#   start-pg | stop-pg | start-rabbit | stop-rabbit
#   psql [args...]           psql connected to database `coding` as the schema owner `coding_owner`
#   rabbitmqctl [args...]    rabbitmqctl against our node (same env/cookie as the server)
#
# Settings (environment): CODING_PG_PORT (27432), CODING_RABBIT_PORT (27672), CODING_RABBIT_DIST_PORT (27673),
#   CODING_RABBIT_MGMT_PORT (27674), CODING_RABBIT_EPMD_PORT (27675), CODING_RABBIT_NODE (coding@localhost),
#   CODING_RABBIT_START_TIMEOUT (120).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
LOCAL="$REPO/.local"
LOG_DIR="$LOCAL/logs"
CACHE_DIR="$LOCAL/cache"

# The ports sit below Linux's ephemeral range (32768-60999): a listener port inside it can be taken, while the
# server is down, by an outgoing connection's source port, or by a client retrying to connect to it (TCP
# self-connect), and then the restarted server cannot bind (a fault test saw RabbitMQ fail with
# could_not_start_listener on 55682 while the workers were reconnecting).
# A second checkout on the same machine (a clean clone for CI, say) must not collide with one that is running:
# the first `start` of a checkout picks a free block of ports (see choose_ports) and remembers it here.
PORTS_FILE="$LOCAL/ports.env"
# shellcheck disable=SC1090
[ -f "$PORTS_FILE" ] && . "$PORTS_FILE"

PG_MAJOR=15
PG_BIN="${CODING_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}"
PG_CONFIG="$PG_BIN/pg_config"
PG_PORT="${CODING_PG_PORT:-27432}"
PG_DIR="$LOCAL/pg"                # resolved by pg_paths (may become a symlink, see there)
PG_MIN_VECTOR="0.5"

RABBIT_PORT="${CODING_RABBIT_PORT:-27672}"
RABBIT_DIST_PORT="${CODING_RABBIT_DIST_PORT:-27673}"
RABBIT_MGMT_PORT="${CODING_RABBIT_MGMT_PORT:-27674}"
RABBIT_EPMD_PORT="${CODING_RABBIT_EPMD_PORT:-27675}"
RABBIT_NODE="${CODING_RABBIT_NODE:-coding@localhost}"
RABBIT_DIR="$LOCAL/rabbitmq"
RABBIT_TIMEOUT="${CODING_RABBIT_START_TIMEOUT:-120}"
RABBIT_SBIN="/usr/lib/rabbitmq/bin"   # the real scripts, not Debian's /usr/sbin wrappers (those `su rabbitmq`)

TRIXIE_SOURCES="/etc/apt/sources.list.d/coding-trixie-src.sources"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------------------------
# logins: random passwords, created once per checkout into the ignored .local (never fixed in a file)
# ---------------------------------------------------------------------------------------------
# Two PostgreSQL logins, neither a superuser:
#   coding_owner  owns the database and its tables; runs migrations (`coding migrate`) and codebook imports (index
#                 DDL); CREATEDB and pg_signal_backend only so tests and benchmarks can create and drop scratch databases
#   coding_app    what the API, the workers and the CLI's everyday commands sign in as: no ownership, no DDL, only the
#                 grants `coding migrate` gives it (the audit table: INSERT and SELECT)
# The superuser `postgres` is reachable only over the unix socket (mode 0700) by the OS user the server runs as (peer).
SECRETS_FILE="$LOCAL/infra-secrets.env"
load_secrets() {
  if [ ! -s "$SECRETS_FILE" ]; then
    mkdir -p "$LOCAL"
    # hex: safe inside connection strings, URIs and SQL literals without quoting
    local hex='od -An -tx1 -N16 /dev/urandom'
    (umask 077
     { printf 'CODING_PG_OWNER_PASSWORD=%s\n' "$($hex | tr -d ' \n')"
       printf 'CODING_PG_APP_PASSWORD=%s\n' "$($hex | tr -d ' \n')"
       printf 'CODING_RABBIT_PASSWORD=%s\n' "$($hex | tr -d ' \n')"; } >"$SECRETS_FILE.tmp"
     mv "$SECRETS_FILE.tmp" "$SECRETS_FILE")
  fi
  # shellcheck disable=SC1090
  . "$SECRETS_FILE"
}

# ---------------------------------------------------------------------------------------------
# connection settings
# ---------------------------------------------------------------------------------------------
# The app's login goes into ConnectionStrings__Coding; the owner's only into CODING_PG_OWNER, which scripts hand to
# `coding migrate` / `coding codebook import` as ConnectionStrings__CodingOwner (the API and workers never see it).
print_env() {
  load_secrets
  local pg="Host=127.0.0.1;Port=$PG_PORT;Database=coding;Username=coding_app;Password=$CODING_PG_APP_PASSWORD"
  local owner="Host=127.0.0.1;Port=$PG_PORT;Database=coding;Username=coding_owner;Password=$CODING_PG_OWNER_PASSWORD"
  local amqp="amqp://coding:$CODING_RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT/"
  cat <<EOF
export CODING_PG="$pg"
export CODING_PG_OWNER="$owner"
export CODING_PG_URL="postgresql://coding_app:$CODING_PG_APP_PASSWORD@127.0.0.1:$PG_PORT/coding"
export CODING_RABBIT="$amqp"
export CODING_RABBIT_MGMT="http://127.0.0.1:$RABBIT_MGMT_PORT/"
export ConnectionStrings__Coding="$pg"
export Messaging__RabbitMqUri="$amqp"
EOF
}

# Serialise start/stop/install between concurrent callers (several people share one machine).
# The lock is fd 9; everything that may leave a daemon behind (pg_ctl start, rabbitmq-server,
# apt-get) is run with `9>&-`, otherwise the daemon would hold the lock forever.
with_lock() {
  mkdir -p "$LOCAL"
  exec 9>"$LOCAL/infra.lock"
  if ! flock -w 600 9; then die "could not get $LOCAL/infra.lock within 600 s"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
pkg_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

vector_version() {  # default_version from the installed vector.control, empty if none
  local share ctl
  [ -x "$PG_CONFIG" ] || return 0
  share="$("$PG_CONFIG" --sharedir)"
  ctl="$share/extension/vector.control"
  [ -f "$ctl" ] || return 0
  sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$ctl" | head -n1
}

version_ge() { [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

vector_ok() { version_ge "$(vector_version)" "$PG_MIN_VECTOR"; }

binaries_ok() {
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/psql" ] &&
    [ -x "$RABBIT_SBIN/rabbitmq-server" ] && [ -x "$RABBIT_SBIN/rabbitmqctl" ] && vector_ok && [ -x /usr/bin/chromium ]
}

APT_LOG=""
apt_run() {  # apt-get with output into the install log; tail it on failure
  # 9>&- : daemons spawned by maintainer scripts must not inherit our lock fd
  if ! DEBIAN_FRONTEND=noninteractive apt-get "$@" >>"$APT_LOG" 2>&1 9>&-; then
    tail -n 40 "$APT_LOG" >&2 || true
    die "apt-get $* failed (full log: $APT_LOG)"
  fi
}

# Keep apt from starting the Debian services (system rabbitmq on 0.0.0.0:5672, postgresql@15-main)
# while we install: the standard policy-rc.d mechanism (honoured by invoke-rc.d and deb-systemd-invoke).
POLICY_RCD=/usr/sbin/policy-rc.d
POLICY_OURS=0
block_service_starts() {
  if [ ! -e "$POLICY_RCD" ]; then
    printf '#!/bin/sh\n# temporary, written by coding scripts/infra.sh install\nexit 101\n' >"$POLICY_RCD"
    chmod 755 "$POLICY_RCD"
    POLICY_OURS=1
  fi
}
unblock_service_starts() {
  if [ "$POLICY_OURS" = 1 ]; then rm -f "$POLICY_RCD"; POLICY_OURS=0; fi
}

have_systemd() { [ -d /run/systemd/system ]; }

quiesce_debian_services() {  # $1: 1 when this run installed rabbitmq-server, $2: 1 when it installed postgresql-15
  if [ "$1" = 1 ]; then
    log "disabling the Debian rabbitmq-server service (we run our own node on 127.0.0.1:$RABBIT_PORT)"
    if have_systemd; then
      systemctl disable --now rabbitmq-server.service >/dev/null 2>&1 || true
      # Debian's epmd.socket listens on all interfaces; our node uses its own loopback-only epmd.
      systemctl disable --now epmd.socket epmd.service >/dev/null 2>&1 || true
    else
      service rabbitmq-server stop >/dev/null 2>&1 || true
      update-rc.d rabbitmq-server disable >/dev/null 2>&1 || true
    fi
    # the package's postinst runs rabbitmqctl as user rabbitmq, which leaves a system epmd on
    # 0.0.0.0:4369 behind; stop it (our node has its own loopback-only epmd on $RABBIT_EPMD_PORT)
    if command -v epmd >/dev/null 2>&1; then
      env -u ERL_EPMD_PORT -u ERL_EPMD_ADDRESS epmd -port 4369 -kill >/dev/null 2>&1 || true
    fi
  fi
  if [ "$2" = 1 ] && [ -d "/etc/postgresql/$PG_MAJOR/main" ]; then
    log "stopping the Debian postgresql@$PG_MAJOR-main cluster and setting it to manual start (we run our own)"
    pg_ctlcluster "$PG_MAJOR" main stop >/dev/null 2>&1 || true
    echo manual >"/etc/postgresql/$PG_MAJOR/main/start.conf" || true
    if have_systemd; then systemctl stop "postgresql@$PG_MAJOR-main.service" >/dev/null 2>&1 || true; fi
  fi
}

ensure_trixie_keyring() {
  # debian-archive-keyring >= 2023.3 (bookworm point releases) ships the trixie keys, both in
  # debian-archive-keyring.gpg and as separate files. Older images: upgrade the package.
  if [ ! -f /usr/share/keyrings/debian-archive-trixie-automatic.gpg ]; then
    log "updating debian-archive-keyring (need the trixie signing keys)"
    apt_run update
    apt_run install -y --only-upgrade debian-archive-keyring
    [ -f /usr/share/keyrings/debian-archive-trixie-automatic.gpg ] ||
      die "debian-archive-keyring has no trixie keys; cannot verify trixie sources"
  fi
}

build_pgvector() {
  local have
  have="$(vector_version)"
  if version_ge "$have" "$PG_MIN_VECTOR"; then
    log "pgvector $have already installed (>= $PG_MIN_VECTOR), skipping build"
    return 0
  fi
  log "building pgvector from Debian trixie's source package (installed: ${have:-none})"
  ensure_trixie_keyring
  local want
  want="$(cat <<EOF
# deb-src only (no binaries from trixie are ever installed); used by coding scripts/infra.sh
# to build pgvector 0.8.x (HNSW) against postgresql-server-dev-$PG_MAJOR on bookworm.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
)"
  if [ "$(cat "$TRIXIE_SOURCES" 2>/dev/null || true)" != "$want" ]; then
    printf '%s\n' "$want" >"$TRIXIE_SOURCES"
  fi
  # refresh only the trixie deb-src index (keeps all other lists as they are)
  log "apt-get update (trixie deb-src only)"
  apt_run update -o Dir::Etc::SourceList="$TRIXIE_SOURCES" -o Dir::Etc::SourceParts=/nonexistent \
    -o APT::Get::List-Cleanup=0

  local src="$CACHE_DIR/pgvector"
  rm -rf "$src"
  mkdir -p "$src"
  log "apt-get source pgvector/trixie -> $src"
  (cd "$src" && apt_run source pgvector/trixie)
  local dir
  dir="$(find "$src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
  [ -n "$dir" ] || die "apt-get source pgvector produced no source tree in $src"
  local blog="$LOG_DIR/pgvector-build.log"
  log "make && make install in $dir (log: $blog)"
  # OPTFLAGS="" : no -march=native (portable; pgvector dispatches SIMD at runtime)
  # with_llvm=no: no JIT bitcode, so clang is not needed
  if ! { make -C "$dir" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" with_llvm=no &&
         make -C "$dir" install PG_CONFIG="$PG_CONFIG" OPTFLAGS="" with_llvm=no; } >"$blog" 2>&1; then
    tail -n 40 "$blog" >&2 || true
    die "pgvector build failed (log: $blog)"
  fi
  vector_ok || die "pgvector installed but vector.control reports '$(vector_version)'"
  log "pgvector $(vector_version) installed into $("$PG_CONFIG" --pkglibdir)"
}

cmd_install() {
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "install needs root (no sudo available)"
    log "re-running install via sudo"
    exec sudo -E "$SCRIPT_DIR/infra.sh" install
  fi
  mkdir -p "$LOG_DIR" "$CACHE_DIR"
  APT_LOG="$LOG_DIR/install-apt.log"
  : >"$APT_LOG"
  local pkgs=("postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR"
              make gcc libc6-dev dpkg-dev rabbitmq-server
              chromium)  # the browser tests drive Debian's chromium through Playwright (never a downloaded browser)
  local missing=() p
  for p in "${pkgs[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  local new_rabbit=0 new_pg=0
  if [ "${#missing[@]}" -gt 0 ]; then
    for p in "${missing[@]}"; do
      [ "$p" = rabbitmq-server ] && new_rabbit=1
      [ "$p" = "postgresql-$PG_MAJOR" ] && new_pg=1
    done
    log "apt-get update + install: ${missing[*]} (log: $APT_LOG)"
    trap unblock_service_starts EXIT
    block_service_starts
    apt_run update
    apt_run install -y --no-install-recommends "${missing[@]}"
    unblock_service_starts
    trap - EXIT
    quiesce_debian_services "$new_rabbit" "$new_pg"
  else
    log "apt packages already installed: ${pkgs[*]}"
  fi
  build_pgvector
  binaries_ok || die "install finished but some binaries are still missing"
  log "install done"
}

ensure_installed() {
  if ! binaries_ok; then
    log "binaries missing -> running install first"
    if is_root; then
      (cmd_install) 9>&-
    else
      command -v sudo >/dev/null 2>&1 || die "binaries missing and install needs root (no sudo)"
      flock -u 9 2>/dev/null || true       # the sudo'ed install takes the lock itself
      sudo -E "$SCRIPT_DIR/infra.sh" install 9>&-
      flock -w 600 9 2>/dev/null || true
    fi
    binaries_ok || die "still missing binaries after install"
  fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
PG_USER=""          # OS user the server runs as (postgres when we are root)
PG_REAL=""          # real directory behind $PG_DIR
PG_DATA="" PG_SOCK="" PG_LOG=""

pg_paths() {
  if is_root; then PG_USER=postgres; else PG_USER="$(id -un)"; fi
  PG_LOG="$LOG_DIR/postgres.log"
  if [ -L "$PG_DIR" ]; then
    PG_REAL="$(readlink -f "$PG_DIR")"
    PG_LOG="$PG_REAL/postgres.log"      # postgres cannot reach .local/logs either (symlinked there)
  else
    PG_REAL="$PG_DIR"
  fi
  PG_DATA="$PG_REAL/data"
  PG_SOCK="$PG_REAL/run"
  # unix socket paths are limited to 107 bytes
  if [ "$(printf '%s' "$PG_SOCK/.s.PGSQL.$PG_PORT" | wc -c)" -gt 100 ]; then
    PG_SOCK="/tmp/coding-pg-$(printf '%s' "$REPO" | md5sum | cut -c1-12)"
  fi
}

as_pg() {  # run a command as the server's OS user
  if is_root; then (cd / && runuser -u "$PG_USER" -- "$@" 9>&-); else "$@" 9>&-; fi
}

pg_running() {
  pg_paths
  [ -f "$PG_DATA/PG_VERSION" ] || return 1
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_prepare_dirs() {
  mkdir -p "$LOCAL" "$LOG_DIR"
  if [ ! -e "$PG_DIR" ] && is_root; then
    id -u postgres >/dev/null 2>&1 || die "system user 'postgres' missing (is postgresql-$PG_MAJOR installed?)"
    mkdir -p "$PG_DIR"
    chown postgres:postgres "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      # e.g. the repo lives under /root (mode 700): postgres cannot reach it. Keep the data in
      # /var/lib/postgresql and leave a symlink at .local/pg.
      local alt
      alt="/var/lib/postgresql/coding-$(printf '%s' "$REPO" | md5sum | cut -c1-12)"
      log "user postgres cannot reach $PG_DIR; using $alt (symlinked from .local/pg)"
      rmdir "$PG_DIR"
      mkdir -p "$alt"
      chown postgres:postgres "$alt"
      ln -s "$alt" "$PG_DIR"
    fi
  fi
  mkdir -p "$PG_DIR"
  pg_paths
  mkdir -p "$PG_SOCK"
  touch "$PG_LOG"
  if [ "$PG_LOG" != "$LOG_DIR/postgres.log" ]; then ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"; fi
  if is_root; then chown "$PG_USER": "$PG_REAL" "$PG_SOCK" "$PG_LOG"; fi
}

pg_initdb() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  log "initdb $PG_DATA (owner: $PG_USER)"
  local loc=(--no-locale)
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then loc=(--locale=C.UTF-8); fi
  rm -rf "$PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 "${loc[@]}" \
    --auth-local=trust --auth-host=scram-sha-256 >>"$LOG_DIR/initdb.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: $LOG_DIR/initdb.log)"; }
  echo "include_if_exists = 'coding.conf'" >>"$PG_DATA/postgresql.conf"
}

# Rewritten at every start, so a cluster created with the old `local all all trust` is closed too.
# TCP: loopback only, scram-sha-256 passwords. Unix socket: only the superuser postgres, only for the OS user the
# server runs as (peer, through the map), and the socket itself is mode 0700 (see pg_write_conf).
pg_write_hba() {
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# written by scripts/infra.sh at every start -- edit the script, not this file
local   all   postgres                 peer map=coding_admin
host    all   all      127.0.0.1/32   scram-sha-256
EOF
  printf '# written by scripts/infra.sh\ncoding_admin  %s  postgres\n' "$PG_USER" >"$PG_DATA/pg_ident.conf"
  if is_root; then chown "$PG_USER": "$PG_DATA/pg_hba.conf" "$PG_DATA/pg_ident.conf"; fi
  chmod 600 "$PG_DATA/pg_hba.conf" "$PG_DATA/pg_ident.conf"
}

pg_write_conf() {  # rewritten at every start so port/socket changes apply
  cat >"$PG_DATA/coding.conf" <<EOF
# written by scripts/infra.sh at every start -- edit the script, not this file
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
max_connections = 300
password_encryption = 'scram-sha-256'
# dev/test cluster: survive process crashes (kill -9), not OS crashes
fsync = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
# which statements cost the database its time under load (coding bench pipeline reports the top ones)
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
EOF
  if is_root; then chown "$PG_USER": "$PG_DATA/coding.conf"; fi
}

pg_sql() {  # $1: database, rest: psql args; superuser over the unix socket, as the server's OS user (peer)
  local db="$1"; shift
  as_pg env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

pg_bootstrap() {
  load_secrets
  # Passwords go in as psql variables (:'x'), never inside a DO block.
  pg_sql postgres -v owner_pw="$CODING_PG_OWNER_PASSWORD" -v app_pw="$CODING_PG_APP_PASSWORD" <<'EOF' >/dev/null
SELECT 'CREATE ROLE coding_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'coding_owner') \gexec
SELECT 'CREATE ROLE coding_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'coding_app') \gexec
ALTER ROLE coding_owner LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_pw';
ALTER ROLE coding_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_pw';
-- DROP DATABASE ... WITH (FORCE) of a scratch database ends the app's sessions in it: allowed for non-superusers' only.
GRANT pg_signal_backend TO coding_owner;
EOF
  # vector in template1 first, so `coding` and every test database created later inherit it
  pg_sql template1 -c "CREATE EXTENSION IF NOT EXISTS vector; ALTER EXTENSION vector UPDATE;" >/dev/null
  if [ "$(pg_sql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'coding'")" != 1 ]; then
    pg_sql postgres -c "CREATE DATABASE coding OWNER coding_owner TEMPLATE template1" >/dev/null
  fi
  pg_sql coding -c "CREATE EXTENSION IF NOT EXISTS vector; ALTER EXTENSION vector UPDATE;" >/dev/null
  # A cluster from before the two logins: its superuser `coding` owned everything. Hand it all to the owner and
  # close that login (the next `coding migrate` grants coding_app its rights).
  if [ "$(pg_sql postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'coding'")" = 1 ]; then
    pg_sql coding -c "REASSIGN OWNED BY coding TO coding_owner" >/dev/null
    pg_sql postgres -c "ALTER ROLE coding NOLOGIN NOSUPERUSER NOCREATEDB" >/dev/null
  fi
}

pg_start() {
  pg_paths
  if pg_running; then
    # A cluster started by an older version of this script (trust on the socket, the superuser `coding`) is brought
    # to the current logins and pg_hba without a restart; on a current one this changes nothing.
    pg_write_hba
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
    pg_bootstrap
    log "postgres already running on 127.0.0.1:$PG_PORT"
    return 0
  fi
  if port_in_use "$PG_PORT"; then
    die "127.0.0.1:$PG_PORT is used by another process (not our cluster in $PG_DATA); set CODING_PG_PORT"
  fi
  pg_prepare_dirs
  pg_initdb
  pg_write_conf
  pg_write_hba
  log "starting postgres on 127.0.0.1:$PG_PORT (data: $PG_DATA, log: $PG_LOG)"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 9>&-; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "postgres did not start (log: $PG_LOG)"
  fi
  pg_bootstrap
  log "postgres ready: database coding, logins coding_owner and coding_app, extension vector $(pg_sql coding -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'")"
}

pg_stop() {
  pg_paths
  if ! pg_running; then log "postgres not running"; return 0; fi
  log "stopping postgres"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null; then
    log "fast shutdown timed out, using immediate"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null
  fi
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------
rabbit_env() {
  export HOME="$RABBIT_DIR/home"                       # -> $HOME/.erlang.cookie is ours
  export RABBITMQ_NODENAME="$RABBIT_NODE"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$RABBIT_PORT"
  export RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
  export RABBITMQ_CTL_DIST_PORT_MIN=$((RABBIT_DIST_PORT + 10))   # CLI tools' own distribution ports
  export RABBITMQ_CTL_DIST_PORT_MAX=$((RABBIT_DIST_PORT + 20))   # (default would be dist+10000: >65535)
  export RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$LOG_DIR/rabbitmq"
  export RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf"  # ignore /etc/rabbitmq/rabbitmq-env.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins"
  export RABBITMQ_PID_FILE="$RABBIT_DIR/rabbitmq.pid"
  export RABBITMQ_PLUGINS_EXPAND_DIR="$RABBIT_DIR/plugins-expand"
  # distribution listener (server + CLI) on loopback only; epmd private and on loopback only
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT="$RABBIT_EPMD_PORT"
  unset RABBITMQ_NODE_IP_ADDRESS_IPV6 2>/dev/null || true
}

# (CLI tools may spawn our epmd -> close the lock fd for them too)
rmqctl() { (rabbit_env; exec "$RABBIT_SBIN/rabbitmqctl" -n "$RABBIT_NODE" "$@" 9>&-); }

rabbit_running() {
  [ -x "$RABBIT_SBIN/rabbitmqctl" ] || return 1
  [ -f "$RABBIT_DIR/home/.erlang.cookie" ] || return 1
  # cheap pre-check (and no CLI call when the node is down: the CLI would spawn an epmd)
  local pid
  pid="$(cat "$RABBIT_DIR/rabbitmq.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  rmqctl -q ping >/dev/null 2>&1
}

rabbit_prepare() {
  mkdir -p "$RABBIT_DIR/home" "$RABBIT_DIR/mnesia" "$LOG_DIR/rabbitmq"
  chmod 700 "$RABBIT_DIR/home"
  local cookie="$RABBIT_DIR/home/.erlang.cookie"
  if [ ! -s "$cookie" ]; then
    (umask 077; head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40 >"$cookie")
  fi
  chmod 400 "$cookie"
  : >"$RABBIT_DIR/rabbitmq-env.conf"
  cat >"$RABBIT_DIR/rabbitmq.conf" <<EOF
# written by scripts/infra.sh at every start
listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
loopback_users.guest = true
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
EOF
  echo "[]." >"$RABBIT_DIR/advanced.config"
  if ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins/rabbitmq_management-* >/dev/null 2>&1; then
    echo "[rabbitmq_management]." >"$RABBIT_DIR/enabled_plugins"
  else
    echo "[]." >"$RABBIT_DIR/enabled_plugins"
  fi
}

rabbit_start() {
  # A node started before this checkout's random password existed still knows the old one: set it here too.
  if rabbit_running; then log "rabbitmq already running on 127.0.0.1:$RABBIT_PORT"; rabbit_user; return 0; fi
  if port_in_use "$RABBIT_PORT"; then
    die "127.0.0.1:$RABBIT_PORT is used by another process (not our node); set CODING_RABBIT_PORT"
  fi
  rabbit_prepare
  log "starting rabbitmq node $RABBIT_NODE on 127.0.0.1:$RABBIT_PORT (logs: $LOG_DIR/rabbitmq/)"
  (rabbit_env; cd "$RABBIT_DIR" && "$RABBIT_SBIN/rabbitmq-server" -detached) \
    >>"$LOG_DIR/rabbitmq/startup.log" 2>&1 9>&- || {
      tail -n 20 "$LOG_DIR/rabbitmq/startup.log" >&2 || true
      die "rabbitmq-server -detached failed"
    }
  local deadline=$((SECONDS + RABBIT_TIMEOUT))
  until rmqctl -q await_startup --timeout 10 >/dev/null 2>&1 9>&-; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$LOG_DIR/rabbitmq/startup.log" >&2 || true
      tail -n 30 "$LOG_DIR/rabbitmq/$RABBIT_NODE.log" >&2 2>/dev/null || true
      die "rabbitmq did not start within ${RABBIT_TIMEOUT}s (logs: $LOG_DIR/rabbitmq/)"
    fi
    sleep 1
  done
  rabbit_user
}

# user coding with this checkout's random password, administrator (tests create a vhost per class), vhost /
rabbit_user() {
  load_secrets
  if rmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx coding; then
    rmqctl -q change_password coding "$CODING_RABBIT_PASSWORD" >/dev/null
  else
    rmqctl -q add_user coding "$CODING_RABBIT_PASSWORD" >/dev/null
  fi
  rmqctl -q set_user_tags coding administrator >/dev/null
  rmqctl -q set_permissions -p / coding '.*' '.*' '.*' >/dev/null
  log "rabbitmq ready: user coding, vhost /"
}

rabbit_stop() {
  if ! rabbit_running; then
    log "rabbitmq not running"
  else
    log "stopping rabbitmq"
    if ! rmqctl -q stop "$RABBIT_DIR/rabbitmq.pid" >/dev/null 2>&1; then
      local pid
      pid="$(cat "$RABBIT_DIR/rabbitmq.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        log "rabbitmqctl stop failed; sending TERM to $pid"
        kill "$pid" 2>/dev/null || true
        local _; for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  fi
  # our private epmd (port $RABBIT_EPMD_PORT) exits once no node is registered
  if command -v epmd >/dev/null 2>&1; then
    (rabbit_env; epmd -port "$RABBIT_EPMD_PORT" -kill >/dev/null 2>&1 9>&-) || true
  fi
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
cmd_status() {
  local rc=0
  if pg_running && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    echo "postgres: running (127.0.0.1:$PG_PORT, data $PG_DATA)"
  else
    echo "postgres: stopped"; rc=1
  fi
  if rabbit_running; then
    echo "rabbitmq: running ($RABBIT_NODE, amqp 127.0.0.1:$RABBIT_PORT, management 127.0.0.1:$RABBIT_MGMT_PORT)"
  else
    echo "rabbitmq: stopped"; rc=1
  fi
  return $rc
}

choose_ports() {  # once per checkout: the first block of five ports (27432+10k, 27672+10k..27675+10k) that is free
  [ -f "$PORTS_FILE" ] && return 0
  local k=0 o
  # A checkout whose cluster was created before this file existed keeps the defaults it was started with.
  if [ ! -e "$LOCAL/pg" ]; then
    for k in $(seq 0 40); do
      o=$((k * 10))
      if ! port_in_use $((27432 + o)) && ! port_in_use $((27672 + o)) && ! port_in_use $((27673 + o)) \
         && ! port_in_use $((27674 + o)) && ! port_in_use $((27675 + o)); then
        break
      fi
      [ "$k" -eq 40 ] && die "no free block of ports between 27432 and 28075"
    done
  fi
  o=$((k * 10))
  mkdir -p "$LOCAL"
  {
    echo ": \"\${CODING_PG_PORT:=$((27432 + o))}\""
    echo ": \"\${CODING_RABBIT_PORT:=$((27672 + o))}\""
    echo ": \"\${CODING_RABBIT_DIST_PORT:=$((27673 + o))}\""
    echo ": \"\${CODING_RABBIT_MGMT_PORT:=$((27674 + o))}\""
    echo ": \"\${CODING_RABBIT_EPMD_PORT:=$((27675 + o))}\""
  } >"$PORTS_FILE"
  # shellcheck disable=SC1090
  . "$PORTS_FILE"
  PG_PORT=$CODING_PG_PORT RABBIT_PORT=$CODING_RABBIT_PORT RABBIT_DIST_PORT=$CODING_RABBIT_DIST_PORT
  RABBIT_MGMT_PORT=$CODING_RABBIT_MGMT_PORT RABBIT_EPMD_PORT=$CODING_RABBIT_EPMD_PORT
  [ "$k" -eq 0 ] || log "default ports are taken (another checkout?): using PostgreSQL $PG_PORT, RabbitMQ $RABBIT_PORT"
}

cmd_start() {
  with_lock
  choose_ports
  ensure_installed
  pg_start
  rabbit_start
  print_env
}

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    install)        with_lock; cmd_install ;;
    start)          cmd_start ;;
    status)         cmd_status ;;
    stop)           with_lock; rabbit_stop; pg_stop ;;
    env)            print_env ;;
    start-pg)       with_lock; choose_ports; ensure_installed; pg_start ;;
    stop-pg)        with_lock; pg_stop ;;
    restart-pg)     with_lock; pg_stop; pg_start ;;
    start-rabbit)   with_lock; choose_ports; ensure_installed; rabbit_start ;;
    stop-rabbit)    with_lock; rabbit_stop ;;
    restart-rabbit) with_lock; rabbit_stop; rabbit_start ;;
    psql)           load_secrets; exec env PGPASSWORD="$CODING_PG_OWNER_PASSWORD" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U coding_owner -d coding "$@" ;;
    rabbitmqctl)    rabbit_env; exec "$RABBIT_SBIN/rabbitmqctl" -n "$RABBIT_NODE" "$@" ;;
    -h|--help|help) usage ;;
    *)              usage >&2; exit 2 ;;
  esac
}

main "$@"
