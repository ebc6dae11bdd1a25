#!/usr/bin/env bash
# Points the code's rule citations at docs/product-rules.md, which is in the repo (SPEC.md is not):
#   "SPEC §5"            -> "docs/product-rules.md §5"        ("SPEC §3, §10" keeps its list)
#   "seed 003" (alone)   -> "docs/product-rules.md seed 003"  (the "Where the rules come from" table)
#   "SPEC §7, seed 002"  -> "docs/product-rules.md §7, seed 002" (the seed already follows a § of that file)
# Idempotent: a second run changes nothing. Only .ts/.tsx/.sh/.json files under the code folders; run it
# from anywhere, then review `git diff`.
#
#   scripts/retarget-citations.sh           rewrite the files, print how many citations each had
#   scripts/retarget-citations.sh --check   change nothing; exit 1 if any citation is left to retarget
set -euo pipefail
cd "$(dirname "$0")/.."

DIRS=(functions shared local infra bench scripts test)
MARK=$'\x01' # never in source text: protects seed citations that already point at product-rules.md

# 1. "SPEC §n" -> "docs/product-rules.md §n".
# 2. Protect seeds already cited from product-rules.md: right after "product-rules.md " or right after
#    a "§n, " / "§n; " / "§n " of such a citation (e.g. "§8; seed 001", "§7, seeds 002 and 003").
# 3. Prefix every other "seed 00n" / "seeds 00n" with "docs/product-rules.md ".
# 4. Drop the marks.
# 5. Inside one parenthesis, a later seed after a product-rules.md citation needs no prefix of its own:
#    "(docs/product-rules.md §8; seed 001 ..., seed 002 Stage 5)".
SED_SCRIPT="
s/SPEC §/docs\/product-rules.md §/g
s/(product-rules\.md )(seeds? 00[0-9])/\1${MARK}\2/g
s/(§[0-9]+[,;]? )(seeds? 00[0-9])/\1${MARK}\2/g
s/(^|[^${MARK}])(seeds? 00[0-9])/\1docs\/product-rules.md \2/g
s/${MARK}//g
:collapse
s/(product-rules\.md [^()]*[,;] )docs\/product-rules\.md (seeds? 00[0-9])/\1\2/
t collapse
"

mapfile -t FILES < <(
  grep -rlE --include='*.ts' --include='*.tsx' --include='*.sh' --include='*.json' \
    'SPEC §|seeds? 00[0-9]' "${DIRS[@]}" 2>/dev/null | grep -v '^scripts/retarget-citations\.sh$' || true
)

pending=0
for file in "${FILES[@]}"; do
  before=$(cat "$file")
  after=$(sed -E "$SED_SCRIPT" "$file")
  if [[ "$before" != "$after" ]]; then
    count=$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep -c '^>' || true)
    pending=$((pending + count))
    if [[ "${1:-}" == "--check" ]]; then
      echo "$file: $count line(s) to retarget"
    else
      sed -E -i "$SED_SCRIPT" "$file"
      echo "$file: $count line(s) retargeted"
    fi
  fi
done

if [[ "${1:-}" == "--check" ]]; then
  [[ $pending -eq 0 ]] && echo "Every citation points at docs/product-rules.md." && exit 0
  exit 1
fi
echo "$pending line(s) retargeted in total."
