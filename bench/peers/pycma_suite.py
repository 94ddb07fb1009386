"""pycma (Hansen's reference CMA-ES) with IPOP or BIPOP restarts on the shifted continuous suite,
for the side-by-side figures of bench/cma-es-continuous.ts and bench/cma-es-small-budget.ts.
Prints one JSON document: {"version", "restarts", "dimension", "evaluations", "seeds",
"values": {label: [best per seed]}, "evaluationsDone", "cpuSeconds"}.

    PYTHONPATH=bench/.pycma /usr/bin/python3 bench/peers/pycma_suite.py --restarts bipop \\
        --functions schwefel,rastrigin --dimension 10 --evaluations 100000 --seeds 1,2,3,4,5

Each run: x0 uniform in the box (a callable, so every restart draws a new one, as pycma
recommends), sigma0 = --sigma0 x width (TUNING.md: 0.25), bounds through pycma's default
BoundTransform, restarts=9, maxfevals = --evaluations. pycma is the `cma` wheel installed with
`pip install --target bench/.pycma cma`; never part of npm test.
"""
import argparse
import json
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")
import cma  # noqa: E402

from shifted_functions import FUNCTIONS, shifted_function  # noqa: E402


def run(name, dimension, evaluations, seed, restarts, sigma0):
    g, (lo, hi) = shifted_function(name, dimension)
    np.random.seed(seed)
    options = {
        "bounds": [lo, hi],
        "maxfevals": evaluations,
        "seed": seed,
        "verbose": -9,
    }
    best = float("inf")
    count = 0

    def objective(x):
        nonlocal best, count
        value = g(list(x))
        count += 1
        best = min(best, value)
        return value

    cma.fmin2(
        objective,
        lambda: lo + (hi - lo) * np.random.rand(dimension),
        sigma0 * (hi - lo),
        options,
        restarts=9 if restarts != "none" else 0,
        bipop=restarts == "bipop",
    )
    return best, count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--restarts", default="bipop", choices=["bipop", "ipop", "none"])
    parser.add_argument("--dimension", type=int, default=10)
    parser.add_argument("--evaluations", type=int, default=100000)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--sigma0", type=float, default=0.25)
    parser.add_argument("--functions", default=",".join(FUNCTIONS))
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    values = {}
    done = 0
    start = time.process_time()
    for name in args.functions.split(","):
        results = []
        for seed in seeds:
            best, count = run(
                name, args.dimension, args.evaluations, seed, args.restarts, args.sigma0
            )
            results.append(best)
            done += count
        values[f"{name}_shifted"] = results
    print(
        json.dumps(
            {
                "version": cma.__version__,
                "restarts": args.restarts,
                "dimension": args.dimension,
                "evaluations": args.evaluations,
                "sigma0": args.sigma0,
                "seeds": seeds,
                "values": values,
                "evaluationsDone": done,
                "cpuSeconds": time.process_time() - start,
            }
        )
    )


if __name__ == "__main__":
    main()
