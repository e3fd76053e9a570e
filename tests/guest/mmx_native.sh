#!/bin/sh
# mmx_native.sh - run the core of an MMX/SSE guest test on this host's CPU
# (32-bit Linux program), printing what the test prints: the reference its
# .expected is made from.   tests/guest/mmx_native.sh NAME [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
t=$1
out=${2:-/tmp/mmx-native}
mkdir -p "$out"
nasm -f elf32 -DNATIVE -I "$here/" -o "$out/$t.o" "$here/$t.asm"
gcc -m32 -no-pie -Wl,-z,noexecstack -O1 -o "$out/$t" "$here/mmx_native.c" "$out/$t.o"
"$out/$t"
