#!/usr/bin/env bash
# Counts what each benchmarked query costs at two or more tiers, under callgrind: instructions
# executed, and data reads and writes that miss a simulated cache of this machine's sizes
# (48 KiB first level, 32 MiB last level). Counts, unlike times, do not move with the load
# other programs put on the machine: the instructions tell whether a cost grows with the data.
# The misses are a rougher guide: each operation runs once, after the others above it in
# examples/count_ops.rs, and its misses depend on what those left in the simulated cache.
#
# Usage: bash benches/count.sh [TIER...]   (tiers as powers of ten; default: 5 6)
# Needs valgrind (apt-get install valgrind). 10^6 takes 15 to 55 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -eq 0 ] && set -- 5 6
tiers=("$@")
cargo build --quiet --release --example count_ops
out=$(mktemp -d)
for tier in "${tiers[@]}"; do
  n=$((10 ** tier))
  valgrind --tool=callgrind --cache-sim=yes --D1=49152,12,64 --LL=33554432,16,64 \
    --callgrind-out-file="$out/$tier.out" target/release/examples/count_ops "$n" \
    2>"$out/$tier.log" | tail -1
  # One line per operation: tier, name, instructions, first-level misses, last-level misses.
  callgrind_annotate --inclusive=yes --threshold=100 --show=Ir,D1mr,D1mw,DLmr,DLmw \
    "$out/$tier.out" 2>/dev/null |
    grep 'count_ops::op_' | sed -E 's/\([^)]*\)//g; s/,//g; s/ \. / 0 /g; s/ \. / 0 /g' |
    awk -v t="$tier" '{ name = $6; sub(/.*::op_/, "", name);
                        print t, name, $1, $2 + $3, $4 + $5 }' >>"$out/table"
done
python3 - "$out/table" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    tier, name, ir, d1, ll = line.split()
    rows.setdefault(name, {})[int(tier)] = (int(ir), int(d1), int(ll))
tiers = sorted({t for r in rows.values() for t in r})
print(f"{'operation':<22}" + "".join(f"{'10^%d instr' % t:>17}{'L1 miss':>14}{'LL miss':>14}" for t in tiers)
      + ("   growth:  instr  L1 miss  LL miss" if len(tiers) > 1 else ""))
for name, r in rows.items():
    line = f"{name:<22}" + "".join(
        f"{r[t][0]:>17,}{r[t][1]:>14,}{r[t][2]:>14,}" if t in r else " " * 45 for t in tiers)
    if len(tiers) > 1 and tiers[0] in r and tiers[-1] in r:
        a, b = r[tiers[0]], r[tiers[-1]]
        line += "".join(f"{y / x:>9.1f}x" if x else f"{'-':>10}" for x, y in zip(a, b))
    print(line)
EOF
