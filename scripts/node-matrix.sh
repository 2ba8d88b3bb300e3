#!/usr/bin/env bash
# The Node-version matrix (issue #14 §4): users run Node 22, 24 and 26, the machine has Node 20,
# and the whole suite takes ~10 min. So `npm test` runs everything on the machine's Node, and
# this runs the tests of what users start, import or talk to (CLI, mock, suite, contract) again on
# each version, with the binary from the npm registry's `node` package (npx caches it).
# Usage: scripts/node-matrix.sh [VERSION...]   (default: 22 24 26; needs `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."

# One line per area; a new area is one more line.
PATHS=(
  mock/cli.test.ts                          # session-mock: flags, start, stop
  mock/server                               # the node:http adapter: sockets, streams, limits
  mock/fetch/readme-walkthrough.test.ts     # the README walkthrough through the core and the fetch adapter
  conformance/mbt/suite.e2e.test.ts         # session-conformance's suite against the built mock
  contract/index.test.ts                    # loading and validating the contract (ajv, yaml)
  client                                    # the typed client against the mock
  mock/msw/msw-server.test.ts               # the MSW handlers (MSW 2) in a test runner
)

VERSIONS=("$@")
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(22 24 26)

for path in "${PATHS[@]}"; do
  [ -e "$path" ] || { echo "node-matrix: $path is listed but does not exist: fix the list in $0" >&2; exit 2; }
done
[ -f dist/mock/cli.js ] || { echo "node-matrix: dist/ is not built: run npm run build first" >&2; exit 2; }

total=$SECONDS
for version in "${VERSIONS[@]}"; do
  started=$SECONDS
  # -p node@V puts that Node first on PATH: vitest's workers and the mocks the tests spawn
  # (process.execPath) run on it too.
  actual=$(npx -y -p "node@$version" -- node -v) || { echo "node-matrix: could not get node@$version from the npm registry (npx -p node@$version)" >&2; exit 2; }
  echo "node-matrix: Node $actual: ${PATHS[*]}"
  npx -y -p "node@$version" -- node node_modules/vitest/vitest.mjs run "${PATHS[@]}"
  echo "node-matrix: Node $actual passed in $((SECONDS - started)) s"
done
echo "node-matrix: ${VERSIONS[*]} passed in $((SECONDS - total)) s"
