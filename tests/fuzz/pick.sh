#!/bin/sh
# pick.sh - keep a small regression corpus after a libFuzzer merge.
#
#   tests/fuzz/pick.sh CONTROL_FILE N CORPUS_DIR
#
# CONTROL_FILE is what `fuzz_X -merge=1 -merge_control_file=...` wrote. Its
# COV lines give, per input, the code it reached first (libFuzzer visits
# the inputs smallest first and credits each PC once), so the inputs with
# the longest COV lines are the ones the coverage depends on most. The N
# of them with the most PCs replace CORPUS_DIR's contents, except files
# named bug-* (hand-named reproducers of reported bugs), which stay.
set -eu
if [ $# -ne 3 ]; then
    echo "usage: $0 CONTROL_FILE N CORPUS_DIR" >&2
    exit 2
fi
ctl=$1
keep=$2
dir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# line 1: number of inputs; from line 3 their paths; then STARTED, FT, COV
awk '
    NR == 1 { n = $1; next }
    NR == 2 { next }
    NR <= n + 2 { path[NR - 3] = $0; next }
    $1 == "COV" && NF > 2 { print NF - 2, path[$2] }
' "$ctl" | sort -k1,1nr | head -n "$keep" | cut -d ' ' -f 2- | while read -r f; do
    case ${f##*/} in bug-*) continue ;; esac
    cp "$f" "$tmp/$(sha1sum <"$f" | cut -c 1-40)"
done

mkdir -p "$dir"
find "$dir" -maxdepth 1 -type f ! -name 'bug-*' -delete
cp "$tmp"/* "$dir"/ 2>/dev/null || true
echo "$dir: $(find "$dir" -maxdepth 1 -type f | wc -l) files"
