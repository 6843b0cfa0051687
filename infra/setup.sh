#!/usr/bin/env bash
# The README's two commands. On a fresh Debian machine with Node 20:
#   bash infra/setup.sh start   installs what is needed and starts every app (embedded PGlite)
#   bash infra/setup.sh test    installs what is needed and runs every test
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null || [ "$(pnpm -v 2>/dev/null)" != "12.21.0" ]; then
  echo "installing pnpm 12.21.0"
  npm install -g pnpm@12.21.0 >/dev/null 2>&1
fi
CI=true pnpm install --frozen-lockfile

case "${1:-}" in
  start) shift; exec pnpm start "$@" ;;
  test) shift; exec pnpm test "$@" ;;
  *) echo "usage: bash infra/setup.sh start|test" >&2; exit 2 ;;
esac
