#!/bin/sh
# micro.sh - issue C's and D's microbenchmarks: nanoseconds per event under
# each emulator, from the wall time of a run with N events minus a run with
# none.
#
#   [MICRO_BENCHES="cr3 fadd"] tests/bench/micro.sh BUILDDIR N EMULATOR...
#
# e.g. tests/bench/micro.sh build/bench-micro 1000000 build/xlat qemu-system-i386
# Each EMULATOR is a command (split on spaces); QEMU gets its usual options.
set -u
[ $# -ge 3 ] || { echo "usage: $0 BUILDDIR N EMULATOR..." >&2; exit 2; }
build=$1
n=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build" || exit 2

now() { date +%s%N; }

build_one() { # NAME COUNT
    nasm -f elf32 -I "$here/../guest/" -DN="$2" -o "$build/$1.$2.o" "$here/$1.asm" &&
        ld -m elf_i386 -T "$here/../guest/link.ld" -z noexecstack --no-warn-rwx-segments \
            -o "$build/$1.$2.elf" "$build/$1.$2.o"
}

run_ns() { # EMULATOR ELF: wall nanoseconds, or "fail"
    case ${1##*/} in
        qemu*) opts="-accel tcg,thread=single -m 256 -display none -monitor none -serial stdio -net none" ;;
        *) opts="-m 256 -nographic" ;;
    esac
    t0=$(now)
    # $1 and $opts are split on purpose
    out=$(timeout 300 $1 $opts -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$2" </dev/null 2>/dev/null)
    t1=$(now)
    case $out in *DONE*) echo $((t1 - t0)) ;; *) echo fail ;; esac
}

status=0
printf '%-10s' event
for e in "$@"; do printf ' %16s' "${e##*/} ns/event"; done
echo
for bench in ${MICRO_BENCHES:-cr3 codestore smc fadd addpd}; do
    build_one $bench "$n" && build_one $bench 0 || { echo "build of $bench failed"; exit 1; }
    printf '%-10s' $bench
    for e in "$@"; do
        full=$(run_ns "$e" "$build/$bench.$n.elf")
        base=$(run_ns "$e" "$build/$bench.0.elf")
        if [ "$full" = fail ] || [ "$base" = fail ]; then
            printf ' %16s' FAIL
            status=1
        else
            printf ' %16s' "$(awk -v a="$full" -v b="$base" -v n="$n" 'BEGIN { printf "%.1f", (a - b) / n }')"
        fi
    done
    echo
done
exit $status
