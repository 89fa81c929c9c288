"""Dictionary matching peers over a corpus folder: liwc, flashtext, pyahocorasick.
Each reads every file, matches the codebooks' terms and writes per-file counts as CSV.
Usage: code_peers.py liwc|flashtext|ahocorasick CORPUS TERMS_DIR OUT.csv"""
import csv
import os
import re
import sys

tool, corpus, terms_dir, out = sys.argv[1:5]
terms = [t for t in open(f"{terms_dir}/terms.txt").read().split("\n") if t]
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
word = re.compile(r"\w+")
rows = []
if tool == "liwc":
    import liwc
    parse, categories = liwc.load_token_parser(f"{terms_dir}/codebooks.dic")
    for path in files:
        counts = {}
        for token in word.findall(open(path, encoding="utf-8", errors="replace").read().lower()):
            for category in parse(token):
                counts[category] = counts.get(category, 0) + 1
        rows += [(path, c, n) for c, n in sorted(counts.items())]
elif tool == "flashtext":
    from flashtext import KeywordProcessor
    processor = KeywordProcessor()
    for term in terms:
        processor.add_keyword(term)
    for path in files:
        counts = {}
        for found in processor.extract_keywords(open(path, encoding="utf-8", errors="replace").read().lower()):
            counts[found] = counts.get(found, 0) + 1
        rows += [(path, c, n) for c, n in sorted(counts.items())]
else:
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    for path in files:
        counts = {}
        for _, found in automaton.iter(open(path, encoding="utf-8", errors="replace").read().lower()):
            counts[found] = counts.get(found, 0) + 1
        rows += [(path, c, n) for c, n in sorted(counts.items())]
with open(out, "w", newline="") as f:
    csv.writer(f).writerows(rows)
