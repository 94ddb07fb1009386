"""DEAP's CMA-ES (deap.cma.Strategy, no restarts) on the continuous suite at 10,000 x d
evaluations, to look for the protocol behind the deap_cmaes column of ../shared/refs/peers.md.
Prints one line per function (median, then each seed's best) and one JSON document at the end:
{"version", "protocol", "dimension", "evaluations", "seeds", "values": {label: [best per seed]}}.

    /usr/bin/python3 bench/peers/deap_cma_suite.py --functions schwefel,schwefel_shifted \\
        --dimension 10 --seeds 1,2,3,4,5 [--centroid random|centre] [--sigma0 0.25]
        [--lambda-per-dimension 0] [--bounds clip|none] [--restart-below 0]

Each run: the centroid uniform in the box (or its centre), sigma0 = --sigma0 x width, lambda
DEAP's default 4 + 3 ln n (or --lambda-per-dimension x n), each sample evaluated at its
projection onto the box (--bounds clip) or as drawn (none). DEAP's update stops with an
eigensolver error once the covariance degenerates after convergence; the run then ends with its
best so far, or restarts from a new centroid with --restart-below t (also when sigma times the
largest axis falls below t x width). Needs Debian's python3-deap; never part of npm test.
"""
import argparse
import json
import random
import warnings

import numpy as np

warnings.filterwarnings("ignore")
import deap  # noqa: E402
from deap import base, cma, creator  # noqa: E402

from shifted_functions import FUNCTIONS, shifted_function  # noqa: E402

creator.create("FitnessMin", base.Fitness, weights=(-1.0,))
creator.create("Individual", list, fitness=creator.FitnessMin)


def function_of(label, dimension):
    if label.endswith("_shifted"):
        return shifted_function(label[: -len("_shifted")], dimension)
    f, box = FUNCTIONS[label]
    return f, box


def run(label, dimension, seed, args):
    g, (lo, hi) = function_of(label, dimension)
    random.seed(seed)
    np.random.seed(seed)
    width = hi - lo

    def strategy():
        if args.centroid == "random":
            centroid = [random.uniform(lo, hi) for _ in range(dimension)]
        else:
            centroid = [(lo + hi) / 2] * dimension
        extra = {}
        if args.lambda_per_dimension > 0:
            extra["lambda_"] = args.lambda_per_dimension * dimension
        return cma.Strategy(centroid=centroid, sigma=args.sigma0 * width, **extra)

    current = strategy()
    budget = 10000 * dimension
    best = float("inf")
    count = 0
    while count < budget:
        population = current.generate(creator.Individual)[: budget - count]
        for individual in population:
            x = list(individual)
            if args.bounds == "clip":
                x = [min(hi, max(lo, v)) for v in x]
            value = g(x)
            individual.fitness.values = (value,)
            best = min(best, value)
        count += len(population)
        if count >= budget:
            break
        try:
            current.update(population)
            spread = current.sigma * np.sqrt(np.max(current.diagD))
            healthy = bool(np.all(np.isfinite(current.C))) and spread > args.restart_below * width
        except np.linalg.LinAlgError:
            healthy = False
        if not healthy:
            if args.restart_below <= 0:
                break
            current = strategy()
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--functions", default="schwefel")
    parser.add_argument("--dimension", type=int, default=10)
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--centroid", default="random", choices=["random", "centre"])
    parser.add_argument("--sigma0", type=float, default=0.25)
    parser.add_argument("--lambda-per-dimension", type=int, default=0)
    parser.add_argument("--bounds", default="clip", choices=["clip", "none"])
    parser.add_argument("--restart-below", type=float, default=0)
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    values = {}
    for label in args.functions.split(","):
        values[label] = [run(label, args.dimension, seed, args) for seed in seeds]
        runs = " ".join(f"{v:.3g}" for v in values[label])
        print(f"{label} {np.median(values[label]):.3g} {runs}", flush=True)
    protocol = {k: v for k, v in vars(args).items() if k not in ("functions", "seeds")}
    print(
        json.dumps(
            {
                "version": deap.__version__,
                "protocol": protocol,
                "dimension": args.dimension,
                "evaluations": 10000 * args.dimension,
                "seeds": seeds,
                "values": values,
            }
        )
    )


if __name__ == "__main__":
    main()
