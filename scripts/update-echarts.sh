#!/usr/bin/env bash
# Replaces the committed ECharts build (templates/assets/echarts.min.js, with
# its LICENSE and NOTICE beside it, and the licences of what the build bundles:
# zrender, tslib and parts of d3) by another release from the npm registry,
# and records the new file's SHA-256 in templates/assets/echarts.min.js.sha256,
# which TestEChartsPinned checks the committed file against.
#
#   ./scripts/update-echarts.sh 5.6.0     # an exact release
#   ./scripts/update-echarts.sh 5         # the newest 5.x
#   make update-echarts ECHARTS_VERSION=5.6.0
#
# npm is needed here only: `npm pack` downloads the package's tarball (checked
# by npm against the registry's integrity hash, no install scripts run) into
# a temporary folder; the repository's node_modules is neither read nor
# written. Review the diff, run `make licenses` and `make test`, and commit.
set -euo pipefail
cd "$(dirname "$0")/.."

spec="echarts@${1:?usage: $0 VERSION (for example 5.6.0, or 5 for the newest 5.x)}"
assets=templates/assets
command -v npm >/dev/null || { echo "update-echarts: npm is needed to fetch $spec" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# fetch SPEC: downloads and unpacks a package into $tmp/NAME, printing the tarball's name.
fetch() {
	local tgz
	tgz=$(cd "$tmp" && npm pack --silent --ignore-scripts --no-audit --no-fund "$1" | tail -1)
	mkdir -p "$tmp/${1%@*}"
	tar -xzf "$tmp/$tgz" -C "$tmp/${1%@*}" --strip-components=1
	echo "$tgz"
}
tgz=$(fetch "$spec")
pkg="$tmp/echarts"
version=${tgz#echarts-}
version=${version%.tgz}
grep -q "version=\"$version\"" "$pkg/dist/echarts.min.js" ||
	{ echo "update-echarts: $tgz: dist/echarts.min.js does not say version=\"$version\"" >&2; exit 1; }

cp "$pkg/dist/echarts.min.js" "$assets/echarts.min.js"
cp "$pkg/LICENSE" "$assets/echarts.LICENSE"
cp "$pkg/NOTICE" "$assets/echarts.NOTICE"
cp "$pkg/licenses/LICENSE-d3" "$assets/echarts.LICENSE-d3"
# The build bundles its dependencies, at the versions it pins.
for dep in zrender tslib; do
	depversion=$(node -p "require('$pkg/package.json').dependencies['$dep']")
	fetch "$dep@$depversion" >/dev/null
	cp "$(ls "$tmp/$dep"/LICENSE* | head -1)" "$assets/echarts.LICENSE-$dep"
done
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
(cd "$assets" && sha256 echarts.min.js >echarts.min.js.sha256)
echo "update-echarts: ECharts $version ($(cut -c1-16 "$assets/echarts.min.js.sha256")...) is in $assets/"
git status --short -- "$assets"
