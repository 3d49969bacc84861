"""Average the weights of fine-tuned runs that started from the same model ("model soup").

    /usr/bin/python3 models/average.py OUT_DIR RUN_DIR RUN_DIR [...]

Runs fine-tuned from one starting point on differently seeded data stay in one basin of the loss,
and their mean generalises better than either run (Wortsman et al., "Model soups", ICML 2022).
Every run must have the same config.json, vocabulary and tensor names and shapes; float tensors are
averaged, integer buffers (position_ids) must be equal. OUT_DIR gets the averaged model.safetensors
and the first run's config and tokenizer files.
"""

import json
import os
import shutil
import sys

import numpy as np

from safetensors_io import read_safetensors, write_safetensors

FILES = ["config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"]


def average(out_dir, run_dirs):
    if len(run_dirs) < 2:
        raise SystemExit("average.py: give at least two run directories")
    first = run_dirs[0]
    for d in run_dirs[1:]:
        for name in ("config.json", "vocab.txt"):
            if open(os.path.join(first, name), "rb").read() != open(os.path.join(d, name), "rb").read():
                raise SystemExit(f"average.py: {d}/{name} differs from {first}/{name}; only runs of one model can be averaged")
    states = [read_safetensors(os.path.join(d, "model.safetensors")) for d in run_dirs]
    out = {}
    for name, t in states[0].items():
        ts = [s.get(name) for s in states]
        if any(x is None or x.shape != t.shape or x.dtype != t.dtype for x in ts):
            raise SystemExit(f"average.py: tensor {name} is missing or has another shape or dtype in one run")
        if t.dtype.kind == "f":
            out[name] = (sum(x.astype(np.float64) for x in ts) / len(ts)).astype(t.dtype)
        elif all(np.array_equal(x, t) for x in ts):
            out[name] = t
        else:
            raise SystemExit(f"average.py: integer tensor {name} differs between runs")
    if any(set(s) != set(states[0]) for s in states):
        raise SystemExit("average.py: the runs have different tensor names")
    os.makedirs(out_dir, exist_ok=True)
    write_safetensors(os.path.join(out_dir, "model.safetensors"), out, {"format": "pt"})
    for name in FILES:
        shutil.copyfile(os.path.join(first, name), os.path.join(out_dir, name))
    print(json.dumps({"averaged": run_dirs, "tensors": len(out), "out": out_dir}))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2)
    average(sys.argv[1], sys.argv[2:])
