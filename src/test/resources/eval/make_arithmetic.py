"""Writes arithmetic_500.jsonl: 500 invented word problems in GSM8K's layout (question; answer = worked
solution with <<calculator>> annotations, ending in '#### N'). Seeded, so it rewrites the same file."""
import json
import random

rng = random.Random(17)
THINGS = ["apples", "pencils", "marbles", "stickers", "books", "cookies", "stamps", "shells", "cards", "coins"]
NAMES = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lena"]
seen = set()
rows = []
while len(rows) < 500:
    name, thing = rng.choice(NAMES), rng.choice(THINGS)
    a, b, c = rng.randint(2, 40), rng.randint(2, 12), rng.randint(1, 30)
    kind = rng.randint(0, 2)
    if kind == 0:
        q = f"{name} has {a} bags with {b} {thing} in each bag and gives away {c} {thing}. How many {thing} are left?"
        total, left = a * b, a * b - c
        ans = f"{name} has {a}*{b} = <<{a}*{b}={total}>>{total} {thing}.\nAfter giving {c} away, {total}-{c} = <<{total}-{c}={left}>>{left} are left.\n#### {left}"
    elif kind == 1:
        q = f"{name} buys {a} {thing} a day for {b} days, then finds {c} more. How many {thing} does {name} have?"
        total, all_ = a * b, a * b + c
        ans = f"In {b} days {name} buys {a}*{b} = <<{a}*{b}={total}>>{total} {thing}.\nWith {c} more: {total}+{c} = <<{total}+{c}={all_}>>{all_}.\n#### {all_}"
    else:
        q = f"{name} shares {a * b} {thing} equally among {b} friends. How many {thing} does each friend get?"
        ans = f"Each friend gets {a * b}/{b} = <<{a * b}/{b}={a}>>{a} {thing}.\n#### {a}"
    if q in seen:
        continue
    seen.add(q)
    rows.append({"question": q, "answer": ans})
with open("arithmetic_500.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
