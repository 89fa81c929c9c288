"""Random reliability data sets through `themis agree --table` and the reference packages.

Usage: agreement_reference.py THEMIS COUNT. Prints one line per failure and a
final 'N passed, M failed' line; exits 1 on any failure.
"""
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import krippendorff
from irrCAC.raw import CAC
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

warnings.filterwarnings("ignore")
TOLERANCE = 1e-9
themis, count = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(20261126)
passed = failed = 0


def themis_table(path, measure):
    out = subprocess.run([themis, "agree", "--table", path, "--measure", measure], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def check(name, case, ours, reference):
    global passed, failed
    if ours is None and (reference is None or np.isnan(reference)):
        passed += 1
        return
    if ours is None or reference is None or np.isnan(reference) or abs(ours - reference) > TOLERANCE:
        failed += 1
        print(f"FAIL {name} on {case}: themis {ours} reference {reference}")
    else:
        passed += 1


with tempfile.TemporaryDirectory() as folder:
    for case in range(count):
        coders = int(rng.integers(2, 7))
        categories = int(rng.integers(2, 11))
        units = int(rng.integers(20, 201))
        missing = float(rng.choice([0.0, 0.0, 0.05, 0.2]))
        truth = rng.integers(1, categories + 1, size=units)
        noise = rng.integers(1, categories + 1, size=(coders, units))
        data = np.where(rng.random((coders, units)) < rng.uniform(0.3, 0.95), truth, noise).astype(float)
        data[rng.random((coders, units)) < missing] = np.nan
        data[:, :2] = truth[:2]  # every data set has pairable units
        path = os.path.join(folder, f"case{case}.csv")
        with open(path, "w") as f:
            f.write("unit," + ",".join(f"c{k}" for k in range(coders)) + "\n")
            for u in range(units):
                f.write(f"u{u}," + ",".join("" if np.isnan(v) else str(int(v)) for v in data[:, u]) + "\n")
        label = f"case {case} ({coders} coders, {categories} categories, {units} units, {missing:.0%} missing)"

        for measure in ["nominal", "ordinal", "interval", "ratio"]:
            ours = themis_table(path, measure)["krippendorff_alpha"]
            check(f"alpha/{measure}", label, ours, krippendorff.alpha(reliability_data=data, level_of_measurement=measure))

        ours = themis_table(path, "nominal")
        cac = CAC(pd.DataFrame(data.T), digits=15)
        check("fleiss_kappa (irrCAC)", label, ours["fleiss_kappa"], cac.fleiss()["est"]["coefficient_value"])
        check("gwet_ac1 (irrCAC)", label, ours["gwet_ac1"], cac.gwet()["est"]["coefficient_value"])
        check("brennan_prediger (irrCAC)", label, ours["brennan_prediger"], cac.bp()["est"]["coefficient_value"])
        check("percent_agreement (irrCAC)", label, ours["percent_agreement"], cac.gwet()["est"]["pa"])
        if missing == 0:
            table, _ = aggregate_raters(data.T.astype(int))
            check("fleiss_kappa (statsmodels)", label, ours["fleiss_kappa"], fleiss_kappa(table, method="fleiss"))
        if coders == 2:
            both = ~np.isnan(data).any(axis=0)
            check("cohen_kappa (scikit-learn)", label, ours["cohen_kappa"],
                  cohen_kappa_score(data[0, both].astype(int), data[1, both].astype(int)))

print(f"agreement reference: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
