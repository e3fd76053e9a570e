#!/bin/sh
# sse_native.sh - run SSE guest tests on the host CPU (see sse_native.inc)
# and compare their output with NAME.expected, which is how those files
# were made: the host is the reference for the values and MXCSR flags.
#
#   tests/guest/sse_native.sh [--update] BUILDDIR NAME...
#
# Each NAME.asm is assembled with -DNATIVE into a static i386 Linux
# program. --update writes NAME.expected from the host's output instead.
set -u
update=0
if [ "${1:-}" = --update ]; then
    update=1
    shift
fi
if [ $# -lt 2 ]; then
    echo "usage: $0 [--update] BUILDDIR NAME..." >&2
    exit 2
fi
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build" || exit 2
pass=0
fail=0
for t in "$@"; do
    out=$build/$t.native
    if ! nasm -f elf32 -DNATIVE -I "$here/" -o "$out.o" "$here/$t.asm" ||
       ! ld -m elf_i386 -z noexecstack -o "$out" "$out.o"; then
        echo "FAIL $t (build)"
        fail=$((fail + 1))
        continue
    fi
    "$out" >"$out.txt" 2>&1
    if [ $update = 1 ]; then
        cp "$out.txt" "$here/$t.expected"
        echo "WROTE $t.expected"
        pass=$((pass + 1))
    elif cmp -s "$out.txt" "$here/$t.expected"; then
        echo "PASS $t (native)"
        pass=$((pass + 1))
    else
        echo "FAIL $t (native output differs)"
        diff -u "$here/$t.expected" "$out.txt" | sed 's/^/    /' | head -n 40
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
