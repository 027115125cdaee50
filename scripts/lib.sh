# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/test.sh: bring up local infrastructure and the settings every process reads.
# Sourced, not executed.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Starts PostgreSQL+pgvector and RabbitMQ when they are not running (installing them on first use) and exports
# their connection settings: the app's login as ConnectionStrings__Coding, the schema owner's only as CODING_PG_OWNER
# (for `coding migrate` / `codebook import`, given as ConnectionStrings__CodingOwner; tests create databases with it).
coding_infra() {
  "$REPO/scripts/infra.sh" start >/dev/null
  eval "$("$REPO/scripts/infra.sh" env)"
}

# Note-encryption keys (and the API's cookie key-ring key) for this machine, generated once into the ignored .local
# folder. Production sites supply their own (NoteProtection__Keys__<id>, NoteProtection__ActiveKeyId,
# NoteProtection__HashKey, DataProtection__KeyEncryptionKey) from their secret store.
coding_secrets() {
  local file="$REPO/.local/secrets.env"
  if [ ! -s "$file" ]; then
    mkdir -p "$REPO/.local"
    umask 077
    {
      printf 'export NoteProtection__ActiveKeyId=local1\n'
      printf 'export NoteProtection__Keys__local1=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)"
      printf 'export NoteProtection__HashKey=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)"
    } >"$file"
  fi
  # Added to files from before it: the key-encryption key of the API's cookie key ring (DataProtection).
  if ! grep -q '^export DataProtection__KeyEncryptionKey=' "$file"; then
    (umask 077; printf 'export DataProtection__KeyEncryptionKey=%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >>"$file")
  fi
  # shellcheck disable=SC1090
  . "$file"
  # The API's cookie key ring, encrypted under that key, in its own folder: a ring ASP.NET Core left unencrypted in
  # ~/.aspnet by an earlier version would otherwise go on being used until its keys expire.
  export DataProtection__KeysPath="$REPO/.local/keys"
}
