#!/bin/sh
# run.sh - build and run the guest tests, compare serial output and status.
#
#   tests/guest/run.sh [--rom] EMULATOR BUILDDIR [NAME...]
#
# EMULATOR is a command, split on spaces, so it may carry options:
#   tests/guest/run.sh build/xlat build/guest
#   tests/guest/run.sh qemu-system-i386 /tmp/guest hello smc
#
# Each NAME.asm (default: all) is assembled with nasm -f elf32, linked with
# link.ld at 1 MiB, and run twice as
#   EMULATOR <display opts> -no-reboot \
#     -device isa-debug-exit,iobase=0xf4,iosize=4 [ARGS] -kernel NAME.elf
# With --rom the tests are those of rom/: each is assembled with nasm -f bin
# into a 64 KiB firmware image (exactly 65536 bytes, or the build fails) and
# started at the reset vector with -bios NAME.rom instead of -kernel.
# under `timeout 20`, stdin from /dev/null.  A test passes when stdout equals
# NAME.expected byte for byte, the exit status equals the declared one, and
# the second run is identical to the first (determinism).
#
# Display options: xlat gets -nographic (serial on stdout).  QEMU gets
# "-display none -serial stdio -monitor none" instead, because with
# -nographic SeaBIOS also prints its banner on the serial port.
#
# Directives, on comment lines in NAME.asm:
#   ; exit: N       expected exit status (default 1 = isa-debug-exit value 0)
#   ; args: ...     extra emulator options (sh-quoted, e.g. -append "a b")
#   ; qemu-args: ... extra options for QEMU only (e.g. -cpu qemu32,+nx)
#   ; not-qemu: WHY skipped when EMULATOR is QEMU, which is the reference
#                   otherwise (a device it lacks, or a known deviation)

set -u
rom=0
if [ "${1:-}" = --rom ]; then
    rom=1
    shift
fi
if [ $# -lt 2 ]; then
    echo "usage: $0 EMULATOR BUILDDIR [NAME...]" >&2
    exit 2
fi
emu=$1
build=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
[ $rom = 1 ] && here=$here/rom
mkdir -p "$build" || exit 2

emu_bin=${emu%% *}
case ${emu_bin##*/} in
    qemu*) is_qemu=1; display="-display none -serial stdio -monitor none" ;;
    *)     is_qemu=0; display="-nographic" ;;
esac

if [ $# -eq 0 ]; then
    for f in "$here"/*.asm; do
        n=${f##*/}
        set -- "$@" "${n%.asm}"
    done
fi

# directive NAME KEY: the text after "; KEY:" in NAME.asm, empty if none
directive() {
    sed -n "s/^; *$2: *//p" "$here/$1.asm" | head -n 1
}

# build_image NAME SRC OUT: assemble (and link) one test; sets boot, image
build_image() {
    if [ $rom = 1 ]; then
        boot=-bios
        image=$3.rom
        if ! nasm -f bin -I "$here/" -o "$image" "$2"; then
            echo "FAIL $1 (build)"
            return 1
        fi
        size=$(wc -c <"$image")
        if [ "$size" -ne 65536 ]; then
            echo "FAIL $1 (image is $size bytes, not 65536)"
            return 1
        fi
        return 0
    fi
    boot=-kernel
    image=$3.elf
    if ! nasm -f elf32 -I "$here/" -o "$3.o" "$2" ||
       ! ld -m elf_i386 -T "$here/link.ld" -z noexecstack \
            --no-warn-rwx-segments -o "$image" "$3.o"; then
        echo "FAIL $1 (build)"
        return 1
    fi
}

pass=0
fail=0
skip=0
for t in "$@"; do
    src=$here/$t.asm
    out=$build/$t
    if [ ! -f "$src" ] || [ ! -f "$here/$t.expected" ]; then
        echo "FAIL $t (no $t.asm or $t.expected)"
        fail=$((fail + 1))
        continue
    fi
    if [ $is_qemu = 1 ] && grep -q '^; *not-qemu:' "$src"; then
        echo "SKIP $t (not-qemu: $(directive "$t" not-qemu))"
        skip=$((skip + 1))
        continue
    fi
    want=$(directive "$t" exit)
    want=${want:-1}
    args=$(directive "$t" args)
    [ $is_qemu = 1 ] && args="$args $(directive "$t" qemu-args)"

    if ! build_image "$t" "$src" "$out"; then
        fail=$((fail + 1))
        continue
    fi

    why=
    for run in 1 2; do
        eval "set -- $args"
        # $emu and $display are split on purpose
        timeout 20 $emu $display -no-reboot \
            -device isa-debug-exit,iobase=0xf4,iosize=4 "$@" \
            $boot "$image" </dev/null >"$out.out$run" 2>"$out.err$run"
        echo $? >"$out.status$run"
    done
    got=$(cat "$out.status1")
    if [ "$got" = 124 ]; then
        why="timed out"
    elif ! cmp -s "$here/$t.expected" "$out.out1"; then
        why="output differs"
    elif [ "$got" != "$want" ]; then
        why="exit status $got, expected $want"
    elif ! cmp -s "$out.out1" "$out.out2" ||
         ! cmp -s "$out.status1" "$out.status2"; then
        why="second run differs (nondeterministic)"
    fi
    if [ -z "$why" ]; then
        echo "PASS $t"
        pass=$((pass + 1))
    else
        echo "FAIL $t ($why)"
        diff -u "$here/$t.expected" "$out.out1" | sed 's/^/    /' | head -n 40
        sed 's/^/    stderr: /' "$out.err1" | head -n 10
        fail=$((fail + 1))
    fi
done

if [ $skip -gt 0 ]; then
    echo "($skip skipped)"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
