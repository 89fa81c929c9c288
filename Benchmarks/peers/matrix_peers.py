"""Matrix peer: pandas crosstab of codes by documents, distinct segments per cell.
Usage: matrix_peers.py CODINGS.csv OUT.csv"""
import sys
import pandas as pd

codings = pd.read_csv(sys.argv[1], usecols=["document", "segment", "code"]).drop_duplicates()
pd.crosstab(codings["code"], codings["document"]).to_csv(sys.argv[2])
