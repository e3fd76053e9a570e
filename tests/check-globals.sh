#!/bin/sh
# check-globals.sh - DESIGN 1: no mutable globals in cpu/ mem/ hw/ translate/.
# Every object there may define data only in read-only sections (.rodata,
# and .data.rel.ro for const tables of function pointers, which the loader
# relocates and then maps read-only). Any symbol in .data, .bss or COMMON
# is a mutable global or static and fails the check.
#
# An object built with sanitizers or coverage (it calls __asan_*,
# __ubsan_* or __sanitizer_cov_*) also holds the compiler's own writable
# bookkeeping: ASan's ODR indicators (__odr_asan.NAME, one per global,
# const ones included), clang UBSan's source locations (__unnamed_N) and
# SanitizerCoverage tables (__sancov_*). Those names are skipped in such an
# object, and only there.
#
#   tests/check-globals.sh BUILDDIR
set -u
build=${1:-build}
bad=0
n=0
for o in $(find "$build/cpu" "$build/mem" "$build/hw" "$build/translate" -name '*.o' 2>/dev/null); do
    n=$((n + 1))
    syms=$(objdump -t "$o")
    skip='^$'
    if echo "$syms" | grep -q -E '\*UND\*.*[ \t]__(asan_|ubsan_|sanitizer_cov_)'; then
        skip='^(__odr_asan\.|__unnamed_[0-9]+$|__sancov_)'
    fi
    hits=$(echo "$syms" | awk -v skip="$skip" '$0 ~ / (\.data|\.bss|\*COM\*)[ \t]/ && $0 !~ /\.data\.rel\.ro/ && $NF !~ /^\./ && $NF !~ skip { print $NF }')
    if [ -n "$hits" ]; then
        echo "FAIL $o defines mutable data: $hits"
        bad=$((bad + 1))
    fi
done
[ "$n" -gt 0 ] || { echo "FAIL no objects under $build"; exit 1; }
echo "$((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
