#!/usr/bin/env bash
# The Debian packages the project's tools need on a fresh machine:
#   chromium     headless browser for code-server's workbench and the webview test bench
#   ripgrep      seeds @vscode/ripgrep's download during the code-server install (offline)
#   libkrb5-dev, build-essential, pkg-config, python3
#                native modules of code-server (kerberos, argon2, node-pty, spdlog) build from source
#   fonts-dejavu-core  readable text in screenshots
#   git          opencode snapshots a folder's changes with git (the edit-baseline tests need a repo)
#   zsh, ksh     the run ask policy's shell escape corpus runs each accepted command in every POSIX
#                shell a run may answer for (bash, dash and sh are in the base system)
# usage: apt-packages.sh --check     exit 3 and print the apt-get line when something is missing
#        apt-packages.sh --install   install what is missing (CI; needs root)
set -uo pipefail
PACKAGES=(chromium ripgrep libkrb5-dev build-essential pkg-config python3 fonts-dejavu-core git zsh ksh)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

case "${1:-}" in
  --install)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    ;;
  *)
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 3
    ;;
esac
