"""Optuna's samplers on the shifted continuous suite at d = 10 and a small budget, for the
side-by-side figures of bench/cma-es-small-budget.ts. Prints one JSON document:
{"version": ..., "sampler": ..., "trials": N, "seeds": [...], "values": {label: [best per seed]},
 "cpuSeconds": total}.

    /usr/bin/python3 bench/peers/optuna_small_budget.py --sampler cmaes --trials 1000 --seeds 1,2,3,4,5

The functions and shifts are those of ../shared/FUNCTIONS.md and refs/functions_shifts.json.
Needs Debian's python3-optuna; never part of npm test.
"""
import argparse
import json
import time

import optuna

from shifted_functions import FUNCTIONS, shifted_function


def make_sampler(kind, seed):
    if kind == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise SystemExit(f"unknown sampler {kind}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sampler", default="cmaes")
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--dimension", type=int, default=10)
    parser.add_argument("--functions", default=",".join(FUNCTIONS))
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    seeds = [int(s) for s in args.seeds.split(",")]
    values = {}
    start = time.process_time()
    for name in args.functions.split(","):
        g, (lo, hi) = shifted_function(name, args.dimension)
        results = []
        for seed in seeds:
            study = optuna.create_study(sampler=make_sampler(args.sampler, seed))
            study.optimize(
                lambda t: g([t.suggest_float(f"x{i}", lo, hi) for i in range(args.dimension)]),
                n_trials=args.trials,
            )
            results.append(study.best_value)
        values[f"{name}_shifted"] = results
    print(
        json.dumps(
            {
                "version": optuna.__version__,
                "sampler": args.sampler,
                "trials": args.trials,
                "seeds": seeds,
                "values": values,
                "cpuSeconds": time.process_time() - start,
            }
        )
    )


if __name__ == "__main__":
    main()
