#!/bin/sh
# scripts/linux_selftests.sh OUT_DIR - build Linux's own hmm-tests, unmodified.
#
# Gets Debian's linux-source-6.12 package with `apt-get download` (no root
# needed; the .deb is cached in ${XDG_CACHE_HOME:-~/.cache}/mmlab/ and
# nothing from it is committed), extracts only the selftest sources
# hmm-tests.c needs - tools/testing/selftests/mm/hmm-tests.c, the kselftest
# headers, lib/test_hmm_uapi.h, mm/gup_test.h - and compiles them with
# musl-gcc -static, changing not one line: only flags and include paths
# (Debian's linux-libc-dev uapi headers come after musl's, -idirafter).
# On success OUT_DIR/hmm-tests exists; on failure OUT_DIR/unavailable says
# why, and the exit status is 0 either way (the test runner reports a skip).
set -u
out=$(mkdir -p "$1" && cd "$1" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/mmlab
pkg=linux-source-6.12
mkdir -p "$out" "$cache"
rm -f "$out/unavailable"
fail() { echo "$pkg unavailable: $*" > "$out/unavailable"; echo "linux_selftests: $*" >&2; exit 0; }

[ -x "$out/hmm-tests" ] && exit 0
deb=$(ls "$cache"/${pkg}_*.deb 2>/dev/null | tail -n 1)
if [ -z "$deb" ]; then
	(cd "$cache" && apt-get download "$pkg" >/dev/null 2>"$cache/apt.log") ||
		fail "apt-get download $pkg failed ($(tail -n 1 "$cache/apt.log"))"
	deb=$(ls "$cache"/${pkg}_*.deb 2>/dev/null | tail -n 1)
	[ -n "$deb" ] || fail "apt-get download $pkg left no .deb"
fi
src=$cache/src
if [ ! -f "$src/tools/testing/selftests/mm/hmm-tests.c" ]; then
	rm -rf "$src" && mkdir -p "$src"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -O "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$src" --strip-components=1 \
		"$pkg/tools/testing/selftests/mm/hmm-tests.c" \
		"$pkg/tools/testing/selftests/kselftest.h" \
		"$pkg/tools/testing/selftests/kselftest_harness.h" \
		"$pkg/lib/test_hmm_uapi.h" "$pkg/mm/gup_test.h" ||
		fail "extracting the selftest sources from $deb failed"
fi
command -v "${MUSL_CC:-musl-gcc}" >/dev/null || fail "no ${MUSL_CC:-musl-gcc} (scripts/setup.sh installs musl-tools)"
(cd "$src/tools/testing/selftests/mm" &&
	"${MUSL_CC:-musl-gcc}" -static -O2 -I ../../../.. -U_FORTIFY_SOURCE \
		-idirafter /usr/include -idirafter /usr/include/x86_64-linux-gnu \
		hmm-tests.c -lrt -lpthread -lm -o "$out/hmm-tests.tmp" 2>"$out/build.log") ||
	fail "building hmm-tests failed (see $out/build.log)"
mv "$out/hmm-tests.tmp" "$out/hmm-tests"
echo "linux_selftests: built $out/hmm-tests from $(basename "$deb"), unmodified"
