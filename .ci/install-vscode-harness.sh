#!/usr/bin/env bash
# Installs the offline "real VS Code" test harness: code-server 4.100.3 (= VS Code 1.100.3 server +
# web workbench; the newest release whose postinstall accepts Node 20) into a gitignored folder.
# Needs only the npm registry. System packages are NOT installed here (see .ci/apt-packages.sh);
# this script names the missing ones and exits 3 instead.
#
# usage: install-vscode-harness.sh [prefix]     (default: $VSCODE_HARNESS_DIR, else .vscode-test/code-server:
#        the same place test/harness/codeServer.mjs starts it from)
# Idempotent: a complete install is detected by its marker file and costs nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=$(realpath -m "${1:-${VSCODE_HARNESS_DIR:-$ROOT/.vscode-test/code-server}}")
CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # @vscode/ripgrep pinned by code-server 4.100.3's shrinkwrap
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
MARKER="$PREFIX/.installed-$CS_VERSION"

[ -f "$MARKER" ] && { echo "[harness] code-server $CS_VERSION already installed in $PREFIX"; exit 0; }

if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "[harness] code-server $CS_VERSION's postinstall requires Node 20 (found $(node -v))" >&2; exit 3
fi
bash "$ROOT/.ci/apt-packages.sh" --check || exit 3

t0=$(date +%s)
# @vscode/ripgrep's postinstall downloads rg from GitHub; offline it retries for ~30 s and then
# aborts the whole install. It first looks in $TMPDIR/vscode-ripgrep-cache-<ver>/, so seed that
# with Debian's rg 13.0.0.
SEED=$(mktemp -d /tmp/cs-install.XXXXXX)
trap 'rm -rf "$SEED"' EXIT
mkdir -p "$SEED/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar -C "$(dirname "$(command -v rg)")" -czf "$SEED/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" rg

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{ "name": "vscode-harness", "private": true }' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc cancels.
# nodedir: node-gyp must build native modules against the local headers (nodejs.org is unreachable).
[ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr
echo "[harness] installing code-server $CS_VERSION into $PREFIX (2-4 min on a cold npm cache)"
if ! TMPDIR="$SEED" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save --foreground-scripts --loglevel=error \
  "code-server@$CS_VERSION" > "$PREFIX/install.log" 2>&1; then
  tail -60 "$PREFIX/install.log" >&2
  echo "[harness] code-server install failed; full log: $PREFIX/install.log" >&2
  exit 3
fi
touch "$MARKER"
echo "[harness] installed in $(( $(date +%s) - t0 )) s ($(du -sh "$PREFIX" | cut -f1))"
