#!/bin/sh
# units.sh CC OUTDIR - the FP unit suites (tests/unit/test_fp.c and
# test_fp_trans.c, with tests/fp/minicheck.h for check) built natively and
# without __int128, and for aarch64 both ways when tests/fp/aarch64-cc and
# qemu-aarch64 are there: the same literal vectors must pass on each.
set -e
cc=$1 out=$2
mkdir -p "$out"
srcs="tests/fp/units.c tests/unit/test_fp.c tests/unit/test_fp_trans.c $(ls cpu/fp/*.c)"
flags="-std=c11 -O2 -Wall -Wextra -Iinclude -I. -DXLAT_FP_UNITS_ONLY"

passed=0 failed=0
run() { # name command...: adds the build's counts
	name=$1
	shift
	"$@" >"$out/$name.log" || true
	last=$(tail -n 1 "$out/$name.log")
	echo "units: $name: $last"
	set -- $last
	case "$1$3" in
	*[!0-9]*|"") failed=$((failed + 1)); cat "$out/$name.log" ;;
	*) passed=$((passed + $1)) failed=$((failed + $3)) ;;
	esac
}

$cc $flags -o "$out/units" $srcs
$cc $flags -DXLAT_FP_NO_INT128 -o "$out/units-noint128" $srcs
run native "$out/units"
run native-noint128 "$out/units-noint128"
if tests/fp/aarch64-cc --have; then
	tests/fp/aarch64-cc $flags -o "$out/units-aarch64" $srcs
	tests/fp/aarch64-cc $flags -DXLAT_FP_NO_INT128 -o "$out/units-aarch64-noint128" $srcs
	run aarch64 qemu-aarch64 "$out/units-aarch64"
	run aarch64-noint128 qemu-aarch64 "$out/units-aarch64-noint128"
else
	echo "units: no aarch64 compiler (tests/fp/aarch64-cc) or qemu-aarch64: native builds only"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
