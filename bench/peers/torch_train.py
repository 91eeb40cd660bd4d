#!/usr/bin/python3
"""Training throughput of LeNet-5 and MyNet in PyTorch on CPU, the peer of `gradebench bench`.

Same networks, optimiser, batch and data as src/models/{lenet5,mynet}.ts and src/cli/bench.ts:
Adam (lr 1e-3), cross-entropy on logits, batch 64, Fashion-MNIST train images scaled to [0, 1]
(MyNet: padded by 2 to 32x32), a seeded shuffle. Prints one JSON object per model on stdout.
Run with Debian's interpreter (python3-torch imports only there):
  /usr/bin/python3 bench/peers/torch_train.py --threads 1 --models lenet5,mynet --data DIR
"""
import argparse, gzip, json, os, struct, sys, time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # [N,6,14,14]
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),              # [N,16,5,5]
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def mynet():
    def block(cin, cout, pool):
        layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
        return layers + ([nn.MaxPool2d(2)] if pool else [])
    return nn.Sequential(*block(1, 32, True), *block(32, 64, True), *block(64, 64, False),  # [N,64,8,8]
                         nn.Flatten(), nn.Linear(4096, 128), nn.ReLU(), nn.Linear(128, 10))


def measure(name, x, y, batch, warmup, steps, seed):
    torch.manual_seed(seed)
    model = lenet5() if name == "lenet5" else mynet()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(seed))
    def step(i):
        idx = order[(i * batch) % (x.shape[0] - batch + 1):][:batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        return loss
    for i in range(warmup):
        step(i)
    start, cpu0 = time.perf_counter(), time.process_time()
    for i in range(steps):
        loss = step(warmup + i)
    loss.item()  # the same single read-back the tfjs loop does at the end
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
    return {"model": name, "images_per_sec": steps * batch / seconds, "images_per_cpu_sec": steps * batch / cpu,
            "steps": steps, "batch": batch, "seconds": seconds}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default="lenet5,mynet")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", default="lenet5=200,mynet=30", help="timed steps per model")
    p.add_argument("--images", type=int, default=12800, help="first N training images")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    images = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))[: a.images]
    labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"))[: a.images]
    x28 = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)  # [N,1,28,28]
    y = torch.from_numpy(labels.astype(np.int64))
    steps = dict(kv.split("=") for kv in a.steps.split(","))
    for name in a.models.split(","):
        x = x28 if name == "lenet5" else nn.functional.pad(x28, (2, 2, 2, 2))  # MyNet: [N,1,32,32]
        r = measure(name, x, y, a.batch, a.warmup, int(steps[name]), a.seed)
        r.update(threads=torch.get_num_threads(), torch=torch.__version__)
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    sys.exit(main())
