"""Writes the shipped codebooks' patterns for the peers: terms.txt (one per line,
for rg and the matchers), codebooks.dic (LIWC format, code ids as categories)."""
import sys
import yaml

out = sys.argv[1]
codes = []


def walk(code, parent):
    cid = f"{parent}/{code['id']}"
    patterns = list(code.get("terms", []))
    for rule in code.get("near", []):
        patterns += rule.get("a", []) + rule.get("b", [])
    if patterns:
        codes.append((cid, patterns))
    for child in code.get("codes", []):
        walk(child, cid)


for path in sys.argv[2:]:
    book = yaml.safe_load(open(path))
    for code in book["codes"]:
        walk(code, book["id"])
terms = sorted({p.lower().replace("*", "") for _, ps in codes for p in ps if p.replace("*", "").strip()})
with open(f"{out}/terms.txt", "w") as f:
    f.write("\n".join(terms) + "\n")
with open(f"{out}/codebooks.dic", "w") as f:
    f.write("%\n")
    for k, (cid, _) in enumerate(codes, start=1):
        f.write(f"{k}\t{cid}\n")
    f.write("%\n")
    words = {}
    for k, (_, ps) in enumerate(codes, start=1):
        for p in ps:
            word = p.lower().replace("-", " ").replace("'", " ")
            if " " in word.strip():
                continue  # LIWC matches single words
            words.setdefault(word.strip(), set()).add(k)
    for word, cats in sorted(words.items()):
        f.write(word + "\t" + "\t".join(str(c) for c in sorted(cats)) + "\n")
print(f"{len(codes)} codes, {len(terms)} terms")
