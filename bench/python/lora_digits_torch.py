"""PyTorch 1.13 CPU reference for bench/lora-digits.ts at a fixed rate: digits standardized on the
80/20 split's training rows, a 64-256-10 ReLU base trained 100 epochs (Adam, batch 64), then 30
epochs on mirrored digits (the standardized features permuted by r*8 + (7 - c)): head only (last
Linear's weight and bias), full fine-tuning, LoRA rank 1/2/4/8 on both layers (A uniform in
+-1/sqrt(in), B zero, scaling alpha / rank, base weights and biases frozen). One thread. Prints one
JSON line per seed (test accuracies in %); with --out NAME also bench/results/NAME.json (rows,
means, CPU seconds).

    /usr/bin/python3 bench/python/lora_digits_torch.py --seeds 5 [--init torch|he-uniform]
        [--base-from base-seed{seed}.json] [--lr 0.001] [--out lora-digits-torch]

--init he-uniform starts the base from kiln's default for ReLU networks (He-uniform weights,
bound sqrt(6 / in), zero biases) instead of nn.Linear's default (weights and biases uniform in
+-1/sqrt(in)). --base-from loads a kiln model document ({seed} is replaced) as the base.
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn

DATA = "/work/shared/data/datasets"


def load_digits(folder):
    with open(os.path.join(folder, "digits.csv")) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.float64)
    with open(os.path.join(folder, "splits.json")) as f:
        split = json.load(f)["digits"]
    return data[:, :64], data[:, 64].astype(np.int64), split["train"], split["test"]


class LoraLinear(nn.Module):
    """y = base(x) + scaling * B(A x), base frozen (PEFT's LoRA layer, dropout 0, bias none)."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.a = nn.Parameter(torch.empty(rank, base.in_features))
        nn.init.kaiming_uniform_(self.a, a=math.sqrt(5))
        self.b = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scaling = alpha / rank

    def forward(self, x):
        return self.base(x) + (x @ self.a.t() @ self.b.t()) * self.scaling


def make_base(init):
    net = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
    if init == "he-uniform":
        for layer in (net[0], net[2]):
            bound = math.sqrt(6 / layer.in_features)
            nn.init.uniform_(layer.weight, -bound, bound)
            nn.init.zeros_(layer.bias)
    return net


def load_kiln_base(path):
    with open(path) as f:
        doc = json.load(f)
    net = make_base("torch")
    with torch.no_grad():
        for layer, saved in zip((net[0], net[2]), doc["layers"]):
            layer.weight.copy_(torch.tensor(saved["weight"], dtype=torch.float32))
            layer.bias.copy_(torch.tensor(saved["bias"], dtype=torch.float32))
    return net


def fit(net, x, y, epochs, lr, generator):
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.Adam(params, lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        for start in range(0, n, 64):
            idx = order[start:start + 64]
            optimizer.zero_grad()
            loss_fn(net(x[idx]), y[idx]).backward()
            optimizer.step()
    return sum(p.numel() for p in params)


def accuracy(net, x, y):
    with torch.no_grad():
        return 100 * (net(x).argmax(1) == y).double().mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--init", choices=["torch", "he-uniform"], default="torch")
    parser.add_argument("--base-from", default=None)
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    cpu_start = time.process_time()
    rows = []
    torch.set_num_threads(1)
    features, labels, train_rows, test_rows = load_digits(args.data)
    mean = features[train_rows].mean(0)
    std = features[train_rows].std(0)
    std[std == 0] = 1
    standardized = (features - mean) / std
    mirror = [r * 8 + (7 - c) for r in range(8) for c in range(8)]
    to = lambda a, rows: torch.tensor(a[rows], dtype=torch.float32)
    x_train, x_test = to(standardized, train_rows), to(standardized, test_rows)
    m_train, m_test = to(standardized[:, mirror], train_rows), to(standardized[:, mirror], test_rows)
    y_train = torch.tensor(labels[train_rows])
    y_test = torch.tensor(labels[test_rows])
    for seed in range(args.seeds):
        torch.manual_seed(seed)
        generator = torch.Generator().manual_seed(seed)
        if args.base_from:
            base = load_kiln_base(args.base_from.replace("{seed}", str(seed)))
        else:
            base = make_base(args.init)
            fit(base, x_train, y_train, 100, 1e-3, generator)
        row = {"seed": seed, "base": accuracy(base, x_test, y_test),
               "none": accuracy(base, m_test, y_test)}
        methods = {"head": None, "full": None, **{f"lora{r}": r for r in (1, 2, 4, 8)}}
        for name, rank in methods.items():
            torch.manual_seed(1000 + seed)
            net = make_base("torch")
            net.load_state_dict(base.state_dict())
            if name == "head":
                net[0].requires_grad_(False)
            elif rank is not None:
                net[0] = LoraLinear(net[0], rank, 8)
                net[2] = LoraLinear(net[2], rank, 8)
            trainable = fit(net, m_train, y_train, 30, args.lr,
                            torch.Generator().manual_seed(1000 + seed))
            row[name] = accuracy(net, m_test, y_test)
            row[f"{name}Parameters"] = trainable
        print(json.dumps(row), flush=True)
        rows.append(row)
    if args.out:
        keys = ["base", "none", "head", "full", "lora1", "lora2", "lora4", "lora8"]
        summary = {
            "name": args.out,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "torch": torch.__version__,
            "protocol": f"base {args.base_from or args.init + ' init, 100 epochs Adam 1e-3'}; "
                        f"30 epochs on mirrored digits, Adam {args.lr}, batch 64, alpha 8, both layers",
            "cpuSeconds": time.process_time() - cpu_start,
            "means": {k: sum(r[k] for r in rows) / len(rows) for k in keys},
            "rank4BeatsHeadSeeds": sum(r["lora4"] > r["head"] for r in rows),
            "rows": rows,
        }
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "results")
        with open(os.path.join(folder, args.out + ".json"), "w") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
