"""DOCX text extraction peers: python-docx and docx2python over a folder.
Usage: docx_peers.py python-docx|docx2python CORPUS OUT.txt"""
import os
import sys

tool, corpus, out = sys.argv[1:4]
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".docx"))
with open(out, "w") as f:
    for path in files:
        if tool == "python-docx":
            import docx
            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        else:
            from docx2python import docx2python
            with docx2python(path) as document:
                text = document.text
        f.write(text + "\n")
