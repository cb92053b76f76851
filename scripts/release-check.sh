#!/usr/bin/env bash
# Checks a release as users meet it, in a throwaway clone of the committed
# HEAD given a temporary tag (default v0.1.0; the tag never leaves the clone):
#   - `make dist` twice gives byte-identical archives and SHA256SUMS, six
#     archives holding the binary, README.md, LICENSE, NOTICE and
#     THIRD_PARTY_LICENSES.md, owned by root, with the commit's time;
#   - the linux/amd64 binary is static and says the tag and the commit, and
#     `make build` gives the same bytes;
#   - `go build` in the clone (Go's VCS stamp) says the tag and the commit;
#   - `go install module@tag` from a module proxy holding the tagged commit
#     (a file:// proxy made with git archive; the dependencies come from the
#     local module cache, checked against go.sum) says the tag.
# It takes a few minutes with a warm Go build cache (cross-compiling six
# platforms twice); it is not part of `make test`.
#
#   ./scripts/release-check.sh [TAG]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tag=${1:-v0.1.0}
module=github.com/salesreview/salesreview
tmp=$(mktemp -d)
cleanup() { chmod -R u+w "$tmp" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "release-check: FAIL: $*" >&2; exit 1; }
step() { echo "release-check: $* ($((SECONDS - t0)) s)" >&2; }
t0=$SECONDS

git clone -q "$repo" "$tmp/src"
cd "$tmp/src"
git -c user.name=check -c user.email=check@invalid tag -a "$tag" -m "temporary tag for release-check"
commit=$(git rev-parse --short=12 HEAD)
unset VERSION COMMIT SOURCE_DATE_EPOCH

step "make dist (1 of 2) at $tag, commit $commit"
make -s dist >"$tmp/dist1.log"
mv dist "$tmp/dist1"
step "make dist (2 of 2)"
make -s dist >"$tmp/dist2.log"
diff -r "$tmp/dist1" dist >/dev/null || fail "two runs of make dist differ: $(diff -rq "$tmp/dist1" dist | head -3)"
(cd dist && sha256sum --check --quiet SHA256SUMS) || fail "SHA256SUMS does not match the archives"
[ "$(ls dist | wc -l)" -eq 7 ] || fail "dist holds $(ls dist | tr '\n' ' '), want six archives and SHA256SUMS"
step "make dist is byte-identical: $(ls dist | tr '\n' ' ')"

name=salesreview_${tag}_linux_amd64
mtime=$(TZ=UTC date -d "@$(git log -1 --format=%ct)" '+%Y-%m-%d %H:%M')
listing=$(TZ=UTC tar -tvzf "dist/$name.tar.gz" --full-time)
for f in LICENSE NOTICE README.md THIRD_PARTY_LICENSES.md salesreview; do
	grep -q " root/root .* ${mtime}:[0-9][0-9] $name/$f\$" <<<"$listing" || fail "$name.tar.gz: no $f owned by root at $mtime:\n$listing"
done
unzip -l "dist/salesreview_${tag}_windows_arm64.zip" | grep -q "salesreview_${tag}_windows_arm64/salesreview.exe" ||
	fail "the windows/arm64 zip holds no salesreview.exe"

tar -xzf "dist/$name.tar.gz" -C "$tmp"
bin="$tmp/$name/salesreview"
want="salesreview $tag (commit $commit, "
got=$("$bin" version)
[[ $got == "$want"* ]] || fail "the release binary says \"$got\", want \"$want...\""
[ "$("$bin" --version)" = "$got" ] || fail "--version and version differ"
go version -m "$bin" | grep -q 'CGO_ENABLED=0' || fail "the release binary was built with cgo"
if command -v readelf >/dev/null; then
	! readelf -l "$bin" | grep -q INTERP || fail "the release binary asks for a dynamic loader"
fi
step "the release binary says: $got"

if [ "$(go env GOOS)/$(go env GOARCH)" = linux/amd64 ]; then
	make -s build
	cmp -s salesreview "$bin" || fail "make build differs from the release's linux/amd64 binary"
	step "make build gives the release's bytes"
fi

GOFLAGS=-buildvcs=auto go build -o "$tmp/gobuild" .
got=$("$tmp/gobuild" version)
[[ $got == "salesreview $tag (commit $commit, "* ]] || fail "go build in the clone says \"$got\""
step "go build says: $got"

proxy="$tmp/proxy/$module/@v"
mkdir -p "$proxy"
echo "$tag" >"$proxy/list"
printf '{"Version":"%s","Time":"%s"}\n' "$tag" "$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)" >"$proxy/$tag.info"
cp go.mod "$proxy/$tag.mod"
git archive --format=zip --prefix="$module@$tag/" -o "$proxy/$tag.zip" HEAD
downloads="$(go env GOMODCACHE)/cache/download"
# Checksums: the local proxy serves the dependencies go.sum pins, and the
# checksum database is not asked (it may be out of reach).
GOFLAGS= GOMODCACHE="$tmp/modcache" GOBIN="$tmp/gobin" GOSUMDB=off \
	GOPROXY="file://$tmp/proxy,file://$downloads" \
	go install "$module@$tag"
got=$("$tmp/gobin/salesreview" version)
[[ $got == "salesreview $tag ("* ]] || fail "go install $module@$tag says \"$got\""
step "go install says: $got"

echo "release-check: OK in $((SECONDS - t0)) s"
