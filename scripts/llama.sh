#!/usr/bin/env bash
# In-process llama.cpp for the `llama` model backend: the prebuilt libraries node-llama-cpp publishes on npm, pinned.
#   scripts/llama.sh install [--cuda]   idempotent; CPU build always, CUDA 13 build with --cuda
#   scripts/llama.sh path [--cuda]      prints the library directory (what Model:Llama:LibraryPath wants)
# Layout under the ignored .local folder:
#   .local/llama/<version>/linux-x64/bins/linux-x64/libllama*.so     CPU build (RUNPATH $ORIGIN)
#   .local/llama/<version>/linux-x64-cuda/bins/*/libllama*.so        CUDA build (needs the deployment's CUDA 13 runtime)
#   .local/llama/<version>/vocab/ggml-vocab-llama-spm.gguf           real tokenizer vocabulary for the tiny test model
#   .local/llama/<version>/include/llama.h                           the header our struct layouts are checked against
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=3.22.1
ROOT="$REPO/.local/llama/$VERSION"
VOCAB=ggml-vocab-llama-spm.gguf

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# sha512 of each tarball, as the registry published it (npm view <pkg>@<version> dist.integrity). Checked after every
# download, so a changed or tampered package never reaches the process that reads patient notes.
integrity() {
  case "$1" in
    @node-llama-cpp/linux-x64) echo "sha512-5uCCDNqWCNfaAm8aR/Uzxbo4HBpKgNF91kCHPepKhgMgV2OAmatoefbOlMihsqCiH2Od35E/eUHQCFbfRBJuOg==" ;;
    @node-llama-cpp/linux-x64-cuda) echo "sha512-8rQCjyNNLZJUFit+YpjwlC4hwkKgOMIkB2wuycKBf8NU2O3ySKbiWZQ8aw9ku2nUTXjSnUIrE6KB88itduTBuA==" ;;
    node-llama-cpp) echo "sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw==" ;;
  esac
}

pack() { # $1 = npm package, $2 = folder: npm pack into it, then verify the pinned sha512
  command -v npm >/dev/null || { say "installing npm (apt)"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
  (cd "$2" && npm pack --silent "$1@$VERSION" >/dev/null)
  local got; got="sha512-$(openssl dgst -sha512 -binary "$2"/*.tgz | base64 -w0)"
  [ "$got" = "$(integrity "$1")" ] || { echo "$1@$VERSION: integrity $got does not match the pinned $(integrity "$1")" >&2; exit 1; }
}

libdir() { # the bins/* folder of one package that holds libllama
  local found
  found="$(find "$ROOT/$1/bins" -maxdepth 2 -name 'libllama*.so' -printf '%h\n' 2>/dev/null | head -1)"
  [ -n "$found" ] && printf '%s\n' "$found"
}

fetch_package() { # $1 = npm package name, $2 = folder under $ROOT
  local name="$1" dest="$ROOT/$2" tmp
  if libdir "$2" >/dev/null; then return; fi
  say "npm pack $name@$VERSION"
  tmp="$(mktemp -d)"
  pack "$name" "$tmp"
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components=1
  rm -rf "$tmp"
  libdir "$2" >/dev/null || { echo "no libllama in $name@$VERSION" >&2; exit 1; }
}

fetch_source_files() { # vocabulary + header from the git bundle of llama.cpp that node-llama-cpp ships
  if [ -s "$ROOT/vocab/$VOCAB" ] && [ -s "$ROOT/include/llama.h" ]; then return; fi
  say "llama.cpp source bundle from node-llama-cpp@$VERSION"
  local tmp; tmp="$(mktemp -d)"
  pack node-llama-cpp "$tmp"
  tar -xzf "$tmp"/node-llama-cpp-*.tgz -C "$tmp" package/llama/gitRelease.bundle
  git clone -q --bare "$tmp/package/llama/gitRelease.bundle" "$tmp/src.git"
  mkdir -p "$ROOT/vocab" "$ROOT/include"
  git --git-dir "$tmp/src.git" show "HEAD:models/$VOCAB" >"$ROOT/vocab/$VOCAB.part" && mv "$ROOT/vocab/$VOCAB.part" "$ROOT/vocab/$VOCAB"
  git --git-dir "$tmp/src.git" show HEAD:include/llama.h >"$ROOT/include/llama.h"
  rm -rf "$tmp"
}

cuda=0
cmd="${1:-install}"; shift || true
for a in "$@"; do case "$a" in --cuda) cuda=1 ;; *) echo "unknown argument $a" >&2; exit 2 ;; esac; done

case "$cmd" in
  install)
    fetch_package "@node-llama-cpp/linux-x64" linux-x64
    [ "$cuda" = 1 ] && fetch_package "@node-llama-cpp/linux-x64-cuda" linux-x64-cuda
    fetch_source_files
    if [ "$cuda" = 1 ]; then libdir linux-x64-cuda; else libdir linux-x64; fi
    ;;
  path)
    if [ "$cuda" = 1 ]; then libdir linux-x64-cuda; else libdir linux-x64; fi
    ;;
  *) echo "usage: scripts/llama.sh install|path [--cuda]" >&2; exit 2 ;;
esac
