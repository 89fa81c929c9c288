"""Deterministic benchmark corpora for Themis, made from the sample transcripts.

Turns are recombined from the sentences of samples/ (so the shipped codebooks
fire at realistic rates) into interview and focus-group transcripts in plain
text (several label styles), WebVTT and, when python-docx is installed, DOCX.

Usage: generate_corpus.py OUT_DIR MEGABYTES [--formats txt,vtt,docx] [--seed N]
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("megabytes", type=float)
parser.add_argument("--formats", default="txt,vtt")
parser.add_argument("--seed", type=int, default=20261126)
parser.add_argument("--files", type=int, default=None, help="stop after this many files instead")
parser.add_argument("--themis", default=None, help="themis binary, to read the samples' turns")
args = parser.parse_args()
rng = random.Random(args.seed)

# Sentences of participant turns from the samples, read through themis ingest.
themis = args.themis or "themis"
records = subprocess.run([themis, "ingest", "samples", "--unit", "sentence", "--quiet"], capture_output=True, text=True, check=True).stdout
participant, interviewer = [], []
for line in records.splitlines():
    r = json.loads(line)
    if r["speaker"] is None:
        continue
    (interviewer if r["role"] == "interviewer" else participant).append(r["text"].replace("\n", " "))
names = ["Amara Osei", "Kofi Mensah", "Ruth Adeyemi", "Tom Reid", "Nkechi Eze", "Sarah Mensah", "Priya Shah", "Hodan Ali",
         "Grace Owusu", "Dr Okafor", "Dr Raman", "Midwife 2", "P3", "FG2-P4", "Joanne Pritchard", "Daniel Hughes"]


def turns(count):
    """Alternating interviewer and participant turns of 1-6 sentences."""
    out = []
    speakers = rng.sample(names, rng.randint(1, 5))
    for k in range(count):
        if k % 2 == 0:
            out.append(("Interviewer", " ".join(rng.choice(interviewer) for _ in range(rng.randint(1, 2)))))
        else:
            out.append((rng.choice(speakers), " ".join(rng.choice(participant) for _ in range(rng.randint(1, 6)))))
    return out


def clock(seconds):
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write_txt(path, ts, style):
    lines, t = [], 0
    for speaker, text in ts:
        t += rng.randint(5, 90)
        if style == 0:
            lines.append(f"{speaker}: {text}")
        elif style == 1:
            lines.append(f"[{clock(t)}] {speaker}: {text}")
        else:
            lines.append(f"{speaker}  {t // 60}:{t % 60:02d}\n{text}\n")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def write_vtt(path, ts):
    out, t = ["WEBVTT", ""], 0.0
    for speaker, text in ts:
        words = text.split()
        for k in range(0, len(words), 12):
            end = t + rng.uniform(2, 6)
            out += [f"{clock(int(t))}.{int(t * 1000) % 1000:03d} --> {clock(int(end))}.{int(end * 1000) % 1000:03d}",
                    f"<v {speaker}>{' '.join(words[k:k + 12])}</v>", ""]
            t = end
    with open(path, "w") as f:
        f.write("\n".join(out))


def write_docx(path, ts):
    import docx
    document = docx.Document()
    document.add_paragraph("Interview transcript")
    for speaker, text in ts:
        paragraph = document.add_paragraph()
        paragraph.add_run(speaker + ":").bold = True
        paragraph.add_run(" " + text)
    document.save(path)


formats = args.formats.split(",")
os.makedirs(args.out + ".partial", exist_ok=True)
target, written, index = args.megabytes * 1e6, 0, 0
while (written < target) if args.files is None else (index < args.files):
    kind = formats[index % len(formats)]
    ts = turns(rng.randint(40, 160))
    path = os.path.join(args.out + ".partial", f"t{index:06d}.{kind}")
    if kind == "txt":
        write_txt(path, ts, index % 3)
    elif kind == "vtt":
        write_vtt(path, ts)
    else:
        write_docx(path, ts)
    written += os.path.getsize(path)
    index += 1
os.rename(args.out + ".partial", args.out)
print(f"{index} files, {written / 1e6:.1f} MB in {args.out}")
