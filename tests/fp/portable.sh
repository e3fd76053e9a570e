#!/bin/sh
# portable.sh CC OUTDIR CASES - the same FP bits on every host.
#
# Builds tests/fp/fpport with every cpu/fp source natively, with and without
# unsigned __int128 (XLAT_FP_NO_INT128), and, when aarch64-linux-gnu-gcc and
# qemu-aarch64 are installed (Debian: gcc-aarch64-linux-gnu qemu-user),
# for aarch64 both ways, run under qemu-aarch64. Every build must print the
# native __int128 build's hashes. -mgeneral-regs-only (where the compiler
# has it) makes any host floating point in cpu/fp a compile error.
set -e
cc=$1 out=$2 n=$3
mkdir -p "$out"
srcs="tests/fp/fpport.c $(ls cpu/fp/*.c)"
flags="-std=c11 -O2 -Wall -Wextra -Iinclude -I."
gro=
if echo 'int x;' | $cc -mgeneral-regs-only -c -x c - -o /dev/null 2>/dev/null; then
	gro=-mgeneral-regs-only
fi
$cc $flags $gro -o "$out/fpport" $srcs
$cc $flags $gro -DXLAT_FP_NO_INT128 -o "$out/fpport-noint128" $srcs
"$out/fpport" -n "$n" >"$out/fpport.ref"

passed=0 failed=0
check() { # name command...: adds its per-function counts
	name=$1
	shift
	if ! "$@" -n "$n" -c "$out/fpport.ref" >"$out/$name.log"; then
		echo "portable: $name differs:"
		cat "$out/$name.log"
	fi
	last=$(tail -n 1 "$out/$name.log")
	echo "portable: $name: $last"
	set -- $last
	case "$1$3" in
	*[!0-9]*|"") failed=$((failed + 1)) ;;
	*) passed=$((passed + $1)) failed=$((failed + $3)) ;;
	esac
}
check native-noint128 "$out/fpport-noint128"
if tests/fp/aarch64-cc --have; then
	tests/fp/aarch64-cc $flags -mgeneral-regs-only -o "$out/fpport-aarch64" $srcs
	tests/fp/aarch64-cc $flags -mgeneral-regs-only -DXLAT_FP_NO_INT128 \
		-o "$out/fpport-aarch64-noint128" $srcs
	check aarch64 qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/fpport-aarch64"
	check aarch64-noint128 qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/fpport-aarch64-noint128"
else
	echo "portable: no aarch64 compiler (tests/fp/aarch64-cc) or qemu-aarch64: native builds only"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
