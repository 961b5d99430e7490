"""Times samplics' TaylorEstimator on the benchmark CSV (totals of cases by product), and checks
that `longzhi engine survey`'s output on the same file agrees with it. Prints JSON timings."""

import json
import sys
import time
import warnings

warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from samplics import PopParam, TaylorEstimator  # noqa: E402

csv_path, longzhi_json = sys.argv[1], sys.argv[2]
start = time.perf_counter()
df = pd.read_csv(csv_path, float_precision="round_trip")
read = time.perf_counter() - start

start = time.perf_counter()
est = TaylorEstimator(PopParam.total)
est.estimate(
    y=np.ones(len(df)),
    samp_weight=df["weight"],
    stratum=df["stratum"],
    psu=df["psu"],
    domain=df["product"],
)
estimate = time.perf_counter() - start

ours = json.load(open(longzhi_json))["domains"]
assert len(ours) == len(est.point_est), "domain counts differ"
worst = 0.0
for row in ours:
    key = int(row["by"]["product"])
    for got, ref in ((row["estimate"], est.point_est[key]), (row["se"], est.stderror[key])):
        worst = max(worst, abs(got - ref) / abs(ref))
assert worst <= 1e-9, f"longzhi and samplics differ by {worst:.1e} relative"
print(json.dumps({"read_csv_s": read, "estimate_s": estimate, "max_rel_diff": worst}))
