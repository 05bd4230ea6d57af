#!/usr/bin/env bash
# Runs a TypeScript entry point of this repo with workspace packages resolved to their sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ -x "$root/node_modules/.bin/tsx" ] || bash "$root/tools/scripts/bootstrap.sh" >&2
exec node --conditions=@eap/source --import tsx "$@"
