"""Agreement peers on a units x coders CSV: krippendorff (alpha) and statsmodels (Fleiss).
Usage: stats_peers.py krippendorff|statsmodels CSV"""
import sys
import time
import numpy as np

tool, path = sys.argv[1:3]
data = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=(1, 2, 3, 4), missing_values="", filling_values=np.nan).T
if tool == "krippendorff":
    import krippendorff
    print(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
else:
    from statsmodels.stats.inter_rater import fleiss_kappa
    complete = data[:, ~np.isnan(data).any(axis=0)].astype(int).T
    table = np.stack([(complete == k).sum(axis=1) for k in range(1, 6)], axis=1)
    print(fleiss_kappa(table, method="fleiss"))
