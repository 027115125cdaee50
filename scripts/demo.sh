#!/usr/bin/env bash
# The main job, end to end: local PostgreSQL+pgvector and RabbitMQ (started if absent), schema, the official
# codebooks imported (read in place from ../shared/codebooks or --codebooks DIR; a re-run finds them unchanged),
# two worker processes on the queue, the sample encounters ingested and coded, a summary printed, a report written,
# demo accounts (coder, manager, cdi, admin) and the API host started: it ends by printing the review URL.
#   scripts/demo.sh [--samples FILE] [--gold FILE] [--workers N] [--codebooks DIR] [--model-backend llama --model FILE.gguf ...]
# Every --model* switch goes to each worker (ModelCommandLine: --model-backend, --model, --model-gpu-layers,
# --model-threads, --model-context, --model-parallel, --model-timeout, --model-endpoint, --model-id).
# `--model tiny` writes the random-weight test model to .local/models/tiny.gguf first (plumbing only: its answers are noise).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$REPO"

samples="eval/samples/encounters.jsonl"
gold="eval/gold/samples.jsonl"
workers=2
codebooks=()
model_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples="$2"; shift 2 ;;
    --gold) gold="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --codebooks) codebooks=(--source "$2"); shift 2 ;;
    --model-*|--model) model_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

start=$(date +%s)
say "infrastructure"; coding_infra; coding_secrets
say "build"; dotnet build Coding.sln -c Release -nologo -v quiet -clp:ErrorsOnly
cli="dotnet src/Coding.Cli/bin/Release/net10.0/coding.dll"
# Schema and codebooks (index DDL) as the schema owner; everything after runs as the app's login only.
ConnectionStrings__CodingOwner="$CODING_PG_OWNER" $cli migrate
say "codebooks"
ConnectionStrings__CodingOwner="$CODING_PG_OWNER" $cli codebook import "${codebooks[@]}"
unset CODING_PG_OWNER

if [ ${#model_args[@]} -gt 0 ]; then
  for i in "${!model_args[@]}"; do
    if [ "${model_args[$i]}" = "--model" ] && [ "${model_args[$((i + 1))]}" = "tiny" ]; then
      "$REPO/scripts/llama.sh" install >/dev/null
      $cli model tiny --out .local/models/tiny.gguf
      model_args[$((i + 1))]="$REPO/.local/models/tiny.gguf"
      # A random model mostly keeps no code; demanding one shows the whole answer path (codes, evidence, provenance).
      case " ${model_args[*]} " in *" --model-min-codes "*) ;; *) model_args+=(--model-min-codes 1) ;; esac
      # Eight consumers per worker queue for one llama context; on a small shared machine the last in line would
      # otherwise wait past the 60 s default and every set would record a timeout instead of the model's answer.
      case " ${model_args[*]} " in *" --model-timeout "*) ;; *) model_args+=(--model-timeout 00:05:00) ;; esac
    fi
  done
fi

say "starting $workers worker(s) (logs in .local/logs/worker-N.log)${model_args[*]:+ with ${model_args[*]}}"
pids=()
stop_workers() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_workers EXIT
for i in $(seq 1 "$workers"); do
  dotnet src/Coding.Worker/bin/Release/net10.0/Coding.Worker.dll "${model_args[@]}" >".local/logs/worker-$i.log" 2>&1 &
  pids+=($!)
done

say "coding the sample encounters"
# A model adds seconds per encounter (minutes on a loaded CPU): wait longer for the queue to drain.
$cli demo --samples "$samples" --gold "$gold" --out artifacts/demo --timeout "$([ ${#model_args[@]} -gt 0 ] && echo 1200 || echo 300)"

say "demo accounts and the review UI"
accounts=(coder manager cdi admin)
secrets="$REPO/.local/secrets.env"
for role in "${accounts[@]}"; do
  var="CODING_DEMO_PASSWORD_${role^^}"
  # One random password per demo account, kept (git-ignored, mode 600) so re-runs keep the same sign-ins.
  if ! grep -q "^export $var=" "$secrets"; then
    (umask 077; printf 'export %s=%s\n' "$var" "$(head -c 18 /dev/urandom | base64 -w0 | tr '+/' 'xy')" >>"$secrets")
  fi
done
# shellcheck disable=SC1090
. "$secrets"
for role in "${accounts[@]}"; do
  $cli users add --name "$role" --role "$role" --password-env "CODING_DEMO_PASSWORD_${role^^}" --update >/dev/null
done
url=$(CODING_API_NO_BUILD=1 "$REPO/scripts/api.sh" start)
echo "main job took $(( $(date +%s) - start )) s"
echo
echo "Review the coded encounters at $url/  (sign in as coder; API log .local/logs/api.log; stop it with scripts/api.sh stop)"
for role in "${accounts[@]}"; do
  var="CODING_DEMO_PASSWORD_${role^^}"
  printf '  %-8s password %s\n' "$role" "${!var}"
done
