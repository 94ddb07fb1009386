# Optuna 3.1's TPESampler (its multi-objective TPE) on ZDT1 (n = 30), trials one by one; prints
# the hypervolume of all trials (reference (11, 11)) after 100, 300 and 1,000 trials as JSON.
#   /usr/bin/python3 bench/peers/optuna_zdt1.py TRIALS SEED
import sys, time, json, warnings
warnings.filterwarnings('ignore')
import optuna
from optuna.samplers import TPESampler
optuna.logging.set_verbosity(optuna.logging.WARNING)
n = 30
def zdt1(trial):
    x = [trial.suggest_float(f'x{i}', 0, 1) for i in range(n)]
    f1 = x[0]; g = 1 + 9 * sum(x[1:]) / (n - 1)
    return f1, g * (1 - (f1 / g) ** 0.5)
def hv2(points, ref):
    pts = sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1])
    area = 0; ceil = ref[1]
    for x, y in pts:
        if y < ceil: area += (ref[0] - x) * (ceil - y); ceil = y
    return area
trials, seed = int(sys.argv[1]), int(sys.argv[2])
sampler = TPESampler(seed=seed)
study = optuna.create_study(directions=['minimize', 'minimize'], sampler=sampler)
t0 = time.time(); marks = {}
for k in range(trials):
    study.optimize(zdt1, n_trials=1)
    if k + 1 in (100, 300, 1000):
        marks[k + 1] = hv2([t.values for t in study.trials], (11, 11))
print(json.dumps({'sampler': 'TPESampler', 'seed': seed, 'marks': marks, 'seconds': time.time() - t0}))
