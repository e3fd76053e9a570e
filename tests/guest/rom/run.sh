#!/bin/sh
# run.sh - build and run the reset-vector (ROM) guest tests.
#
#   tests/guest/rom/run.sh EMULATOR BUILDDIR [NAME...]
#
# EMULATOR is a command, split on spaces, so it may carry options:
#   tests/guest/rom/run.sh build/xlat build/tests/guest/rom
#   tests/guest/rom/run.sh qemu-system-i386 /tmp/rom a20 pmode
#
# Each NAME.asm (default: all) is assembled with nasm -f bin into a 64 KiB
# image (exactly 65536 bytes, or the build fails) and run twice as
#   EMULATOR <display opts> -no-reboot \
#     -device isa-debug-exit,iobase=0xf4,iosize=4 [ARGS] -bios NAME.rom
# under `timeout 20`, stdin from /dev/null.  A test passes when stdout equals
# NAME.expected byte for byte, the exit status equals the declared one, and
# the second run is identical to the first (determinism).
#
# Display options: xlat gets -nographic (serial on stdout); QEMU gets
# "-display none -serial stdio -monitor none" as in ../run.sh.  With our
# own -bios nothing but the test writes to the serial port.
#
# Directives, on comment lines in NAME.asm:
#   ; exit: N       expected exit status (default 1 = isa-debug-exit value 0)
#   ; args: ...     extra emulator options (sh-quoted)
#   ; not-qemu: WHY skipped when EMULATOR is QEMU, which is the reference

set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 EMULATOR BUILDDIR [NAME...]" >&2
    exit 2
fi
emu=$1
build=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
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

    if ! nasm -f bin -I "$here/" -o "$out.rom" "$src"; then
        echo "FAIL $t (build)"
        fail=$((fail + 1))
        continue
    fi
    size=$(wc -c <"$out.rom")
    if [ "$size" -ne 65536 ]; then
        echo "FAIL $t (image is $size bytes, not 65536)"
        fail=$((fail + 1))
        continue
    fi

    why=
    for run in 1 2; do
        eval "set -- $args"
        # $emu and $display are split on purpose
        timeout 20 $emu $display -no-reboot \
            -device isa-debug-exit,iobase=0xf4,iosize=4 "$@" \
            -bios "$out.rom" </dev/null >"$out.out$run" 2>"$out.err$run"
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
