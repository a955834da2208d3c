#!/usr/bin/env bash
# A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }):
# it takes the desktop test CLI (--extensionDevelopmentPath=, --extensionTestsPath=, a folder or
# .code-workspace) and runs the same suite in code-server, exiting with the suite's exit code,
# which is the contract runTests expects from the real `code` binary. Desktop-only flags are ignored;
# OPENCODE_HARNESS_TRUST=1 keeps workspace trust on.
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
EXT=; TESTS=; TARGET=; skip=
for a in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$a" in
    --extensionDevelopmentPath=*) EXT=${a#*=} ;;
    --extensionTestsPath=*)       TESTS=${a#*=} ;;
    --user-data-dir|--extensions-dir|--locale|--log|--profile|--sync) skip=1 ;;
    -*) ;;
    *) TARGET=$a ;;
  esac
done
[ -n "$EXT" ] && [ -n "$TESTS" ] && [ -n "$TARGET" ] || { echo "vscode-shim: need --extensionDevelopmentPath=, --extensionTestsPath= and a folder" >&2; exit 2; }
case "$TARGET" in
  *.code-workspace) where=(--workspace "$TARGET") ;;
  *) where=(--folder "$TARGET") ;;
esac
exec node "$HERE/runTestsInCodeServer.mjs" --ext "$EXT" --tests "$TESTS" "${where[@]}" ${OPENCODE_HARNESS_TRUST:+--trust}
