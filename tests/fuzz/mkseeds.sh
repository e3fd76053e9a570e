#!/bin/sh
# mkseeds.sh - build starting inputs for the fuzz targets from our own
# sources, so no binary of unknown origin enters a corpus.
#
#   tests/fuzz/mkseeds.sh OUTDIR
#
# OUTDIR/elf     tiny.elf (tests/badinput) and guest tests linked without
#                page padding (ld -n), each a valid Multiboot ELF
# OUTDIR/exec    mode byte (1: 32-bit protected mode) + the first 4 KiB of
#                each guest test's code, and a few hand-written snippets
# OUTDIR/decode  mode byte + the first 512 bytes of the same code
#
# Needs nasm, ld and objcopy (binutils).
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
guest=$here/../guest
tmp=$out/tmp
mkdir -p "$out/elf" "$out/exec" "$out/decode" "$tmp"

# link NAME SRC LDSCRIPT: assemble and link SRC into $tmp/NAME.elf
link() {
    nasm -f elf32 -I "$guest/" -o "$tmp/$1.o" "$2"
    ld -m elf_i386 -n -s -T "$3" -z noexecstack --no-warn-rwx-segments \
        -o "$tmp/$1.elf" "$tmp/$1.o"
}

link tiny "$here/../badinput/tiny.asm" "$here/../badinput/tiny.ld"
cp "$tmp/tiny.elf" "$out/elf/tiny"

for t in hello exitcode alu control exceptions string smc stack; do
    [ -f "$guest/$t.asm" ] || continue
    link "$t" "$guest/$t.asm" "$guest/link.ld"
    cp "$tmp/$t.elf" "$out/elf/$t"
    objcopy -O binary -j .text "$tmp/$t.elf" "$tmp/$t.bin"
    { printf '\001'; head -c 4096 "$tmp/$t.bin"; } >"$out/exec/$t"
    { printf '\001'; head -c 512 "$tmp/$t.bin"; } >"$out/decode/$t"
done

# snippet NAME HEX...: an exec seed written from hex bytes
snippet() {
    name=$1
    shift
    # shellcheck disable=SC2059 # the format is an octal escape we made
    for b in "$@"; do printf "\\$(printf '%03o' "0x$b")"; done >"$out/exec/$name"
}
snippet int3 01 90 cc eb fe                          # INT3 to the handler, then loop
snippet real-int21 00 90 cd 21 eb fe                 # real mode INT 21h through the IVT
snippet rep-stosb 01 b9 00 10 00 00 bf 00 00 20 00 f3 aa f4  # REP STOSB 4 KiB
snippet smc 01 c6 05 09 00 01 00 90 eb 00 f4 f4      # turn a HLT ahead into NOP
snippet far-jmp 01 ea 07 00 01 00 08 00 f4           # JMP 08:00010007 (the HLT)
# real mode: LGDT [04F0], set CR0.PE, JMP DWORD 08:00010017 (the HLT)
snippet real-to-pm 00 0f 01 16 f0 04 0f 20 c0 66 83 c8 01 0f 22 c0 66 ea 17 00 01 00 08 00 f4
# paging on: one 4 MiB PSE page mapping 0-4 MiB (PDE at 0x3000), a store, HLT
snippet paging-pse 01 c7 05 00 30 00 00 83 00 00 00 0f 20 e0 83 c8 10 0f 22 e0 \
    b8 00 30 00 00 0f 22 d8 0f 20 c0 0d 00 00 00 80 0f 22 c0 \
    c7 05 00 00 20 00 01 00 00 00 f4
snippet fault-loop 01 31 e4 c7 05 00 80 00 00 0f 0b 0f 0b 0f 0b  # handler faults at once
rm -rf "$tmp"
