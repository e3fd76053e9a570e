#!/bin/sh
# determinism.sh - the same guest run twice must give byte-identical serial
# output and the same final instruction count (DESIGN 10).
#
#   tests/determinism.sh XLAT BUILDDIR [ELF...]
#
# Without ELFs it uses guest tests already built by tests/guest/run.sh in
# BUILDDIR (string, control, smc, rdtsc: loops, self-modifying code and a
# time read). The instruction count comes from -d stats.
set -u
[ $# -ge 2 ] || { echo "usage: $0 XLAT BUILDDIR [ELF...]" >&2; exit 2; }
xlat=$1
build=$2
shift 2
[ $# -gt 0 ] || set -- "$build/string.elf" "$build/control.elf" "$build/smc.elf" "$build/rdtsc.elf"

pass=0
fail=0
for elf in "$@"; do
    name=$(basename "$elf" .elf)
    for i in 1 2; do
        "$xlat" -nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
            -d stats -D "$build/$name.det$i.log" -kernel "$elf" \
            </dev/null >"$build/$name.det$i.out" 2>&1
    done
    ic1=$(grep -o 'icount=[0-9]*' "$build/$name.det1.log")
    ic2=$(grep -o 'icount=[0-9]*' "$build/$name.det2.log")
    if [ -n "$ic1" ] && [ "$ic1" = "$ic2" ] && [ -s "$build/$name.det1.out" ] &&
        cmp -s "$build/$name.det1.out" "$build/$name.det2.out"; then
        echo "PASS determinism $name ($ic1)"
        pass=$((pass + 1))
    else
        echo "FAIL determinism $name (${ic1:-no count} vs ${ic2:-no count})"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
