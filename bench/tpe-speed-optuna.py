# Optuna's TPESampler (multivariate, group) cost per trial (ask + tell) once a study holds N
# trials, on the spaces of bench/tpe-speed.ts. Usage: python3 tpe-speed-optuna.py SPACE N TIMED
import json, statistics, sys, time
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

optuna.logging.set_verbosity(optuna.logging.ERROR)
space_name, size, timed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def suggest(trial):
    if space_name == "reals-10":
        return {f"x{i}": trial.suggest_float(f"x{i}", -5, 5) for i in range(10)}
    p = {"branch": trial.suggest_categorical("branch", ["a", "b", "c", "d"])}
    for i in range(5):
        p[f"r{i}"] = trial.suggest_float(f"r{i}", -5, 5)
    p["l0"] = trial.suggest_float("l0", 1e-5, 1, log=True)
    p["i0"] = trial.suggest_int("i0", 1, 100)
    p["i1"] = trial.suggest_int("i1", 16, 512, log=True)
    p["c0"] = trial.suggest_categorical("c0", ["x", "y", "z"])
    b = p["branch"]
    if b == "a":
        p["a0"] = trial.suggest_float("a0", 0, 1); p["a1"] = trial.suggest_float("a1", 0, 1)
        p["a2"] = trial.suggest_int("a2", 1, 10)
    if b == "b":
        p["b0"] = trial.suggest_float("b0", 0, 1); p["b1"] = trial.suggest_float("b1", 1e-3, 1, log=True)
    if b == "c":
        p["c1"] = trial.suggest_categorical("c1", ["p", "q"]); p["c2"] = trial.suggest_float("c2", 0, 1)
    if b in ("a", "b"):
        p["ab"] = trial.suggest_float("ab", 0, 1)
    if b in ("c", "d"):
        p["cd"] = trial.suggest_int("cd", 0, 9)
    if b == "d":
        p["d0"] = trial.suggest_float("d0", -1, 1)
    return p

def value(p):
    return sum(v * v if isinstance(v, (int, float)) else (0 if v == "a" else 1) for v in p.values())

# The first N trials are random (the cost measured is the model's once N trials exist).
random_study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
random_study.optimize(lambda t: value(suggest(t)), n_trials=size)
sampler = optuna.samplers.TPESampler(seed=1, multivariate=True, group=True)
study = optuna.create_study(sampler=sampler)
study.add_trials(random_study.trials)
times, cpu_times = [], []
for _ in range(timed):
    start, cpu = time.perf_counter(), time.process_time()
    trial = study.ask()
    study.tell(trial, value(suggest(trial)))
    cpu_times.append((time.process_time() - cpu) * 1000)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"space": space_name, "trials": size, "msPerTrial": round(statistics.median(times), 3),
                  "cpuMsPerTrial": round(statistics.median(cpu_times), 3)}))
