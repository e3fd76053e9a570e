#!/bin/sh
# check-globals.sh - DESIGN 1: no mutable globals in cpu/ mem/ hw/ translate/.
# Every object there may define data only in read-only sections (.rodata,
# and .data.rel.ro for const tables of function pointers, which the loader
# relocates and then maps read-only). Any symbol in .data, .bss or COMMON
# is a mutable global or static and fails the check.
#
#   tests/check-globals.sh BUILDDIR
set -u
build=${1:-build}
bad=0
n=0
for o in $(find "$build/cpu" "$build/mem" "$build/hw" "$build/translate" -name '*.o' 2>/dev/null); do
    n=$((n + 1))
    hits=$(objdump -t "$o" | awk '$0 ~ / (\.data|\.bss|\*COM\*)[ \t]/ && $0 !~ /\.data\.rel\.ro/ && $NF !~ /^\./ { print $NF }')
    if [ -n "$hits" ]; then
        echo "FAIL $o defines mutable data: $hits"
        bad=$((bad + 1))
    fi
done
[ "$n" -gt 0 ] || { echo "FAIL no objects under $build"; exit 1; }
echo "$((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
