#!/usr/bin/env bash
# The tokenizer vocabulary for the tiny random-weight test model (`coding model tiny`, tests, `bench model`).
# llama.cpp itself comes from NuGet (LLamaSharp + LLamaSharp.Backend.Cpu, or .Cuda12 with -p:LlamaBackend=Cuda12);
# its packages carry binaries only, so the real llama-spm vocabulary is copied out of the llama.cpp git bundle that
# node-llama-cpp ships on npm, pinned by version and sha512.
#   scripts/llama.sh install    idempotent; prints the vocabulary path
# Layout under the ignored .local folder:
#   .local/llama/<version>/vocab/ggml-vocab-llama-spm.gguf
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=3.22.1
ROOT="$REPO/.local/llama/$VERSION"
VOCAB=ggml-vocab-llama-spm.gguf
# sha512 of the tarball as the registry published it (npm view node-llama-cpp@<version> dist.integrity): a changed or
# tampered package never reaches the test runs.
INTEGRITY="sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw=="

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

fetch_vocabulary() {
  if [ -s "$ROOT/vocab/$VOCAB" ]; then return; fi
  say "llama.cpp source bundle from node-llama-cpp@$VERSION (vocabulary only)"
  command -v npm >/dev/null || { say "installing npm (apt)"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
  local tmp got; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-llama-cpp@$VERSION" >/dev/null)
  got="sha512-$(openssl dgst -sha512 -binary "$tmp"/*.tgz | base64 -w0)"
  [ "$got" = "$INTEGRITY" ] || { echo "node-llama-cpp@$VERSION: integrity $got does not match the pinned $INTEGRITY" >&2; exit 1; }
  tar -xzf "$tmp"/node-llama-cpp-*.tgz -C "$tmp" package/llama/gitRelease.bundle
  git clone -q --bare "$tmp/package/llama/gitRelease.bundle" "$tmp/src.git"
  mkdir -p "$ROOT/vocab"
  git --git-dir "$tmp/src.git" show "HEAD:models/$VOCAB" >"$ROOT/vocab/$VOCAB.part" && mv "$ROOT/vocab/$VOCAB.part" "$ROOT/vocab/$VOCAB"
  rm -rf "$tmp"
}

case "${1:-install}" in
  install) fetch_vocabulary; printf '%s\n' "$ROOT/vocab/$VOCAB" ;;
  *) echo "usage: scripts/llama.sh install" >&2; exit 2 ;;
esac
