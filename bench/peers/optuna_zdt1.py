# Optuna 3.1's TPESampler (its multi-objective TPE) on ZDT1 (n = 30), trials one by one; prints
# the hypervolume of all trials (reference (11, 11)) and the lowest f2 after 100, 300 and 1,000
# trials as JSON. With OBJECTIVE f2 the study is single-objective on f2 alone (the TPE), scored
# the same way.
#   /usr/bin/python3 bench/peers/optuna_zdt1.py TRIALS SEED [both|f2]
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
objective = sys.argv[3] if len(sys.argv) > 3 else 'both'
sampler = TPESampler(seed=seed)
points = []
def scored(trial):
    f = zdt1(trial)
    points.append(f)
    return f if objective == 'both' else f[1]
directions = ['minimize', 'minimize'] if objective == 'both' else ['minimize']
study = optuna.create_study(directions=directions, sampler=sampler)
t0 = time.time(); marks = {}; min_f2 = {}
for k in range(trials):
    study.optimize(scored, n_trials=1)
    if k + 1 in (100, 300, 1000):
        marks[k + 1] = hv2(points, (11, 11))
        min_f2[k + 1] = min(f[1] for f in points)
print(json.dumps({'sampler': 'TPESampler', 'objective': objective, 'seed': seed, 'marks': marks,
                  'minF2': min_f2, 'seconds': time.time() - t0}))
