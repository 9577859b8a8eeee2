#!/usr/bin/env bash
# Checks the DocC catalogs: builds each library module's documentation with the toolchain's `docc`
# and fails on any warning (a ``Symbol`` link that resolves to nothing, an undocumented parameter in
# a doc comment, a malformed topic group).
#
#   Scripts/docs.sh                      every module with Sources/<M>/Documentation.docc
#   Scripts/docs.sh AftershockText ...   only these modules
#   DOCS_OUTPUT=DIR Scripts/docs.sh      keep the rendered archives in DIR/<M>.doccarchive
#
# No plugin: the symbol graphs come from `swift-symbolgraph-extract` over the ordinary debug build
# (`swift package dump-symbol-graph` exits 1 here, failing on the test modules). Only public symbols
# are in the graphs, so a page names an internal type in single backticks, never ``double``.
# Everything is written to a temporary folder, nothing into the repository (the build is `.build`).
set -euo pipefail
cd "$(dirname "$0")/.."

# A toolchain binary: on PATH, else next to `swift` (Linux toolchains), else through xcrun (macOS).
tool() {
  local found
  if found=$(command -v "$1" 2>/dev/null); then echo "$found"; return; fi
  found="$(dirname "$(readlink -f "$(command -v swift)")")/$1"
  if [[ -x $found ]]; then echo "$found"; return; fi
  if command -v xcrun >/dev/null 2>&1 && found=$(xcrun --find "$1" 2>/dev/null); then echo "$found"; return; fi
  echo "docs.sh: cannot find $1 (on PATH or next to swift)" >&2
  exit 1
}
DOCC=$(tool docc)
EXTRACT=$(tool swift-symbolgraph-extract)

if [[ $# -gt 0 ]]; then
  modules=("$@")
else
  modules=()
  for catalog in Sources/*/Documentation.docc; do
    modules+=("$(basename "$(dirname "$catalog")")")
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/aftershock-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
output=${DOCS_OUTPUT:-$work/archives}
mkdir -p "$output"

swift build --quiet
bin=$(swift build --show-bin-path)
triple=$(swift -print-target-info | sed -n 's/^ *"triple": *"\([^"]*\)".*/\1/p' | head -1)
# System-library targets (CSQLite) are found through their module maps.
clang_maps=()
for map in Sources/*/module.modulemap; do
  [[ -e $map ]] && clang_maps+=(-Xcc "-fmodule-map-file=$PWD/$map")
done

failed=()
for module in "${modules[@]}"; do
  catalog="Sources/$module/Documentation.docc"
  if [[ ! -d $catalog ]]; then
    echo "docs.sh: $module has no $catalog" >&2
    failed+=("$module")
    continue
  fi
  graphs="$work/symbolgraphs/$module"
  mkdir -p "$graphs"
  "$EXTRACT" -module-name "$module" -target "$triple" -I "$bin/Modules" \
    -module-cache-path "$bin/ModuleCache" "${clang_maps[@]}" \
    -minimum-access-level public -output-dir "$graphs"
  log="$work/$module.log"
  status=0
  "$DOCC" convert "$catalog" --additional-symbol-graph-dir "$graphs" \
    --fallback-display-name "$module" --fallback-bundle-identifier "$module" \
    --output-path "$output/$module.doccarchive" --warnings-as-errors >"$log" 2>&1 || status=$?
  # --warnings-as-errors prints warnings as "error:"; either word, or a failed exit, fails the check.
  if [[ $status -ne 0 ]] || grep -qE '^(warning|error):' "$log"; then
    cat "$log"
    echo "docs.sh: $module: docc reported problems (above)" >&2
    failed+=("$module")
  else
    echo "docs.sh: $module: no warnings"
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "docs.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "docs.sh: ${#modules[@]} catalogs, no warnings"
