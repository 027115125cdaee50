#!/usr/bin/env bash
# The API host (review UI, HTTP ingest, health) alone, in the background on a free loopback port:
#   scripts/api.sh [start]   build if needed, start (or find the running one), wait until ready, print the URL
#   scripts/api.sh stop      stop the one this checkout started
#   scripts/api.sh status    print the URL when it runs (exit 1 otherwise)
# Log: .local/logs/api.log; pid and URL: .local/api.pid, .local/api.url. Port: 5080, or the next free one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO"

PID_FILE="$REPO/.local/api.pid"
URL_FILE="$REPO/.local/api.url"
DLL="src/Coding.Api/bin/Release/net10.0/Coding.Api.dll"

running() { [ -s "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }
busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { curl -fsS -o /dev/null --max-time 2 "$1/health/ready" 2>/dev/null; }

cmd_start() {
  if running && ready "$(cat "$URL_FILE")"; then
    cat "$URL_FILE"
    return 0
  fi
  coding_infra; coding_secrets
  [ -f "$DLL" ] && [ "${CODING_API_NO_BUILD:-0}" = 1 ] || dotnet build src/Coding.Api -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  local port="${CODING_API_PORT:-5080}"
  while busy "$port"; do port=$((port + 1)); done
  local url="http://127.0.0.1:$port"
  mkdir -p "$REPO/.local/logs"
  # setsid + nohup: the host outlives the shell (and demo.sh's worker cleanup) that started it.
  # The API signs in to PostgreSQL as the app's login only: the owner's never reaches its environment.
  setsid nohup env -u CODING_PG_OWNER dotnet "$DLL" --urls "$url" >"$REPO/.local/logs/api.log" 2>&1 < /dev/null &
  echo $! >"$PID_FILE"
  echo "$url" >"$URL_FILE"
  for _ in $(seq 1 120); do
    if ready "$url"; then echo "$url"; return 0; fi
    running || { tail -n 20 "$REPO/.local/logs/api.log" >&2; echo "the API host exited (log: .local/logs/api.log)" >&2; return 1; }
    sleep 0.5
  done
  echo "the API host did not become ready in 60 s (log: .local/logs/api.log)" >&2
  return 1
}

cmd_stop() {
  if running; then
    kill -TERM "$(cat "$PID_FILE")"
    for _ in $(seq 1 40); do running || break; sleep 0.25; done
  fi
  rm -f "$PID_FILE" "$URL_FILE"
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if running; then cat "$URL_FILE"; else echo "not running" >&2; exit 1; fi ;;
  *) echo "usage: scripts/api.sh [start|stop|status]" >&2; exit 2 ;;
esac
