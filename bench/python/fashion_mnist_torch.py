"""PyTorch 1.13 CPU reference for bench/fashion-mnist.ts: the same network (784-H-10 ReLU), Adam,
batch 64, pixels / 255, one thread, on the official Fashion-MNIST split. Prints one JSON line:
test accuracy, training samples per second (median epoch), peak RSS.

    /usr/bin/python3 bench/python/fashion_mnist_torch.py --epochs 20 --hidden 256 --seed 0
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import time

import numpy as np
import torch


def read_idx(path):
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    load = lambda name: read_idx(os.path.join(args.folder, name))
    x_train = torch.from_numpy(load("train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y_train = torch.from_numpy(load("train-labels-idx1-ubyte.gz").astype(np.int64))
    x_test = torch.from_numpy(load("t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y_test = torch.from_numpy(load("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = torch.nn.Sequential(
        torch.nn.Linear(784, args.hidden), torch.nn.ReLU(), torch.nn.Linear(args.hidden, 10)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_train.shape[0]
    rates = []
    cpu_rates = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        cpu_start = time.process_time()
        order = torch.randperm(n)
        for i in range(0, n, args.batch):
            index = order[i: i + args.batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[index]), y_train[index])
            loss.backward()
            optimizer.step()
        rates.append(n / (time.perf_counter() - start))
        cpu_rates.append(n / (time.process_time() - cpu_start))
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    print(json.dumps({
        "testAccuracy": accuracy,
        "samplesPerSecond": statistics.median(rates),
        "epochRates": rates,
        "samplesPerCpuSecond": statistics.median(cpu_rates),
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
