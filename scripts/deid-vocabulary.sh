#!/usr/bin/env bash
# Rebuilds src/Coding.Core/Privacy/Vocabulary/words.txt.gz (and proper-nouns.txt.gz, below), the de-identifier's list of words known not to be PHI:
# the lower-case words of Debian's wamerican + wbritish (proper nouns, which those lists capitalise, are left out)
# and every word of the ICD-10-CM titles, Index, Table of Drugs, Neoplasm Table and External Cause Index, plus the words of
# the HCPCS long descriptions (drug names: "Injection, tocilizumab") and ICD-10-PCS titles (procedures: "Laparotomy"),
# less those that are proper nouns of the English lists ("Craig", "Taylor"), which would let a name through.
# Needs no root: the word lists come from the Debian mirror with `apt-get download` (any Debian/Ubuntu machine).
# Usage: scripts/deid-vocabulary.sh [CODEBOOKS_DIR]   (default ../shared/codebooks)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
books="${1:-$here/../shared/codebooks}"
out="$here/src/Coding.Core/Privacy/Vocabulary/words.txt.gz"
proper="$here/src/Coding.Core/Privacy/Vocabulary/proper-nouns.txt.gz"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dict=/usr/share/dict
if [ ! -f "$dict/american-english" ] || [ ! -f "$dict/british-english" ]; then
  (cd "$work" && apt-get download wamerican wbritish >/dev/null 2>&1)
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
  dict="$work/x/usr/share/dict"
fi
words() { tr -c "A-Za-z'\n" ' ' | tr ' ' '\n' | sed "s/'s\$//; s/^'*//; s/'*\$//" | tr 'A-Z' 'a-z' | grep -E '^[a-z][a-z]+$' || true; }
{
  grep -hE "^[a-z]" "$dict/american-english" "$dict/british-english" | sed "s/'s\$//" | tr 'A-Z' 'a-z'
  cut -c17- "$books/icd10cm-2026/icd10cm_order_2026.txt" | words
  sed 's/<[^>]*>/ /g' "$books/icd10cm-2023/icd10cm_index_2023.xml" "$books/icd10cm-2023/icd10cm_tabular_2023.xml" \
    "$books/icd10cm-2025/icd-10-cm-drug-2025.xml" "$books/icd10cm-2025/icd-10-cm-eindex-2025.xml" \
    "$books/icd10cm-2025/icd-10-cm-neoplasm-2025.xml" | words
  cut -d, -f1 "$books/icd10cm-2025/icd10cm-drug-April-2025.csv" | words
  {
    cut -f4 "$books/hcpcs-2025/HCPC2025_OCT_ANWEB.tsv"
    cut -c78- "$books/icd10pcs-2026/icd10pcs_order_2026.txt"
  } | words | grep -vxF -f <(grep -hE "^[A-Z][a-z]+\$" "$dict/american-english" "$dict/british-english" | tr 'A-Z' 'a-z' | grep -vxE 'doppler|elisa|celsius|fahrenheit|teflon|velcro|spica|foley|gleason') || true
} | grep -E '^[a-z]{2,}$' | LC_ALL=C sort -u | gzip -9n > "$out"
# The proper nouns of the same lists (given names, surnames, places): a capitalised word found here is name-like
# even when it is also a common word ("Colleen", "Brandt", "Reading").
grep -hE "^[A-Z][a-z]" "$dict/american-english" "$dict/british-english" | sed "s/'s\$//" | grep -E "^[A-Za-z]+\$" \
  | LC_ALL=C sort -u | gzip -9n > "$proper"
echo "$(zcat "$out" | wc -l) words -> ${out#$here/}; $(zcat "$proper" | wc -l) proper nouns -> ${proper#$here/}"
