"""The continuous suite's functions and shifts for the Python peers (bench/peers/*.py): the
definitions of ../shared/FUNCTIONS.md with the shifts of refs/functions_shifts.json.
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SHIFTS = os.path.join(HERE, "..", "..", "..", "shared", "refs", "functions_shifts.json")


def sphere(x):
    return sum(v * v for v in x)


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


def ackley(x):
    d = len(x)
    a = -20 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / d))
    return a - math.exp(sum(math.cos(2 * math.pi * v) for v in x) / d) + 20 + math.e


def griewank(x):
    p = 1.0
    for i, v in enumerate(x):
        p *= math.cos(v / math.sqrt(i + 1))
    return 1 + sum(v * v for v in x) / 4000 - p


def schwefel(x):
    return 418.9828872724338 * len(x) - sum(v * math.sin(math.sqrt(abs(v))) for v in x)


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2
    for i in range(len(w) - 1):
        s += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return s + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def styblinski_tang(x):
    return 0.5 * sum(v**4 - 16 * v * v + 5 * v for v in x) + 39.16616570377142 * len(x)


FUNCTIONS = {
    "sphere": (sphere, (-5.12, 5.12)),
    "rastrigin": (rastrigin, (-5.12, 5.12)),
    "rosenbrock": (rosenbrock, (-5, 10)),
    "ackley": (ackley, (-32.768, 32.768)),
    "griewank": (griewank, (-600, 600)),
    "schwefel": (schwefel, (-500, 500)),
    "levy": (levy, (-10, 10)),
    "styblinski_tang": (styblinski_tang, (-5, 5)),
}


def shifted(name, f, shift):
    def g(x):
        z = [v - s for v, s in zip(x, shift)]
        if name == "schwefel":
            z = [((v + 500) % 1000) - 500 for v in z]
        return f(z)

    return g


def shifted_function(name, dimension):
    """The shifted function `name` at `dimension`, with its box (lo, hi)."""
    with open(SHIFTS) as file:
        shifts = json.load(file)["dims"][str(dimension)]
    f, (lo, hi) = FUNCTIONS[name]
    key = name.replace("_", "-") if name.replace("_", "-") in shifts else name
    return shifted(name, f, shifts[key]["shift"]), (lo, hi)
