"""`minialbert forward` on model variants the goldens do not cover, against reference_numpy.py.

The NumPy reference is first checked against the upstream goldens (../shared/golden), then random
models of other sizes, head counts, activations, label counts, heads and epsilons are written as model
directories and run through the CLI on every backend it has. Tolerance: max |Δ| <= 1e-4.
Usage: python3 -m unittest tests/models/test_forward_variants.py (MINIALBERT_CLI = path of the CLI).
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "models"))
sys.path.insert(0, HERE)

import reference_numpy  # noqa: E402
from safetensors_io import read_safetensors, write_safetensors  # noqa: E402

GOLDEN = os.path.join(REPO, "..", "shared", "golden")
CLI = os.environ.get("MINIALBERT_CLI", os.path.join(REPO, "build", "minialbert"))
ATOL = 1e-4


def golden_cases(model):
    with open(os.path.join(GOLDEN, model, "cases.json")) as f:
        meta = json.load(f)
    with open(os.path.join(GOLDEN, model, meta["bin_file"]), "rb") as f:
        blob = f.read()
    for case in meta["cases"]:
        arrays = {a["name"].split("/", 1)[1]: np.frombuffer(blob, "<f4", a["nbytes"] // 4, a["offset"]).reshape(a["shape"])
                  for a in case["arrays"]}
        yield case, arrays


def backends():
    names = []
    for name in ("reference", "xnnpack", "wasmsimd"):
        r = subprocess.run([CLI, "info", "--model", os.path.join(GOLDEN, "tiny"), "--backend", name],
                           capture_output=True, text=True)
        if r.returncode == 0:
            names.append(name)
    return names


def random_model(rng, *, V, E, H, nh, F, N, labels, act, adapters, r=16, P=64, seq=False, eps=1e-12):
    cfg = {"architectures": ["MiniAlbertFor" + ("SequenceClassification" if seq else "TokenClassification")],
           "model_type": "albert", "vocab_size": V, "embedding_size": E, "hidden_size": H,
           "num_hidden_layers": N, "num_attention_heads": nh, "intermediate_size": F, "hidden_act": act,
           "use_adapter": adapters, "reduction_factor": r, "layer_norm_eps": eps,
           "max_position_embeddings": P, "type_vocab_size": 2,
           "id2label": {str(i): f"L{i}" for i in range(labels)}}
    if act is None:
        del cfg["hidden_act"]
    t = {}

    def lin(name, n, k):
        t[name + "weight"] = (rng.standard_normal((n, k)) * 1.2 / np.sqrt(k)).astype(np.float32)
        t[name + "bias"] = (0.1 * rng.standard_normal(n)).astype(np.float32)

    def ln(name, n):
        t[name + "weight"] = (1 + 0.15 * rng.standard_normal(n)).astype(np.float32)
        t[name + "bias"] = (0.1 * rng.standard_normal(n)).astype(np.float32)

    emb, layer = "albert.albert.embeddings.", "albert.albert.encoder.albert_layer_groups.0.albert_layers.0."
    for name, rows in (("word", V), ("position", P), ("token_type", 2)):
        t[emb + name + "_embeddings.weight"] = (0.5 * rng.standard_normal((rows, E))).astype(np.float32)
    ln(emb + "LayerNorm.", E)
    if E != H:   # upstream builds the projector only when the widths differ
        lin("albert.projector.", H, E)
    for n in ("query", "key", "value", "dense"):
        lin(layer + f"attention.{n}.", H, H)
    ln(layer + "attention.LayerNorm.", H)
    lin(layer + "ffn.", F, H)
    lin(layer + "ffn_output.", H, F)
    ln(layer + "full_layer_layer_norm.", H)
    if adapters:
        for kind in ("att", "mlp"):
            for i in range(N):
                p = f"albert.{kind}_adapters.{i}."
                lin(p + "block.0.", H // r, H)
                lin(p + "block.2.", H, H // r)
                ln(p + "norm.", H)
    lin("classifier.", labels, H)
    t["albert.albert.embeddings.position_ids"] = np.arange(P, dtype=np.int64)[None]
    return cfg, t


def run_cli(model_dir, backend, ids, mask, tt, hidden=False):
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.json")
        with open(inp, "w") as f:
            json.dump({"input_ids": ids, "attention_mask": mask, "token_type_ids": tt}, f)
        cmd = [CLI, "forward", "--model", model_dir, "--input", inp, "--backend", backend]
        r = subprocess.run(cmd + (["--hidden"] if hidden else []), capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed: {r.stderr}")
        return json.loads(r.stdout)


class NumpyReferenceMatchesGoldens(unittest.TestCase):
    def test_goldens(self):
        for model in ("tiny", "tiny-gelu-new", "tiny-seqcls", "full"):
            with open(os.path.join(GOLDEN, model, "config.json")) as f:
                cfg = json.load(f)
            tensors = read_safetensors(os.path.join(GOLDEN, model, "model.safetensors"))
            for case, arrays in golden_cases(model):
                if model == "full" and case["seq_len"] > 128:
                    continue  # the float64 reference is slow; L=512 is covered by the C++ golden test
                with self.subTest(model=model, case=case["name"]):
                    logits, hidden = reference_numpy.forward(cfg, tensors, case["input_ids"], case["attention_mask"],
                                                             case["token_type_ids"] if case["token_type_ids_passed"] else None)
                    self.assertLess(np.abs(logits - arrays["logits"]).max(), 2e-5)
                    self.assertLess(np.abs(hidden - arrays["last_hidden_state"]).max(), 3e-5)


class ForwardOnModelVariants(unittest.TestCase):
    VARIANTS = [
        dict(V=50, E=8, H=24, nh=3, F=40, N=2, labels=2, act="relu", adapters=True, r=8),
        dict(V=300, E=48, H=96, nh=6, F=200, N=4, labels=17, act="gelu_new", adapters=True, r=16),
        dict(V=120, E=16, H=32, nh=1, F=64, N=1, labels=3, act="gelu", adapters=False, seq=True),
        dict(V=64, E=20, H=40, nh=5, F=72, N=5, labels=7, act="gelu_pytorch_tanh", adapters=True, r=4, eps=1e-5),
        dict(V=500, E=64, H=128, nh=8, F=512, N=3, labels=4, act="gelu", adapters=True, r=16, seq=True, P=80),
        dict(V=90, E=48, H=48, nh=4, F=96, N=3, labels=5, act="gelu", adapters=True, r=8),
        dict(V=70, E=32, H=32, nh=2, F=64, N=2, labels=3, act="gelu_new", adapters=False, seq=True),
        # The adapters' LayerNorms keep upstream's hard-coded 1e-12 whatever layer_norm_eps says.
        dict(V=60, E=16, H=32, nh=4, F=48, N=3, labels=3, act="gelu", adapters=True, r=4, eps=1e-2),
        # transformers' gelu_fast and gelu_python: gelu_new's and gelu's formulas written out.
        dict(V=60, E=16, H=32, nh=4, F=48, N=2, labels=3, act="gelu_fast", adapters=True, r=4),
        dict(V=60, E=16, H=32, nh=4, F=48, N=2, labels=3, act="gelu_python", adapters=False),
        # No hidden_act: upstream reads the config as a BertConfig, whose default is erf GELU.
        dict(V=60, E=16, H=32, nh=4, F=48, N=2, labels=3, act=None, adapters=True, r=4),
    ]

    def test_variants(self):
        names = backends()
        self.assertIn("reference", names)
        for seed, variant in enumerate(self.VARIANTS):
            rng = np.random.default_rng(1000 + seed)
            cfg, tensors = random_model(rng, **variant)
            P, V = cfg["max_position_embeddings"], cfg["vocab_size"]
            lengths = [P, 5, 1]
            ids = [[int(x) for x in rng.integers(0, V, P)] for _ in lengths]
            mask = [[1] * n + [0] * (P - n) for n in lengths]
            tt = [[int(x) for x in rng.integers(0, 2, P)] for _ in lengths]
            want, hidden = reference_numpy.forward(cfg, tensors, ids, mask, tt)
            with tempfile.TemporaryDirectory() as model_dir:
                with open(os.path.join(model_dir, "config.json"), "w") as f:
                    json.dump(cfg, f)
                write_safetensors(os.path.join(model_dir, "model.safetensors"), tensors)
                for backend in names:
                    with self.subTest(variant=seed, backend=backend):
                        out = run_cli(model_dir, backend, ids, mask, tt, hidden=True)
                        got = np.array(out["logits"])
                        self.assertEqual(got.shape, want.shape)
                        self.assertLess(np.abs(got - want).max(), ATOL)
                        self.assertLess(np.abs(np.array(out["last_hidden_state"]) - hidden).max(), ATOL)

    def test_projector_with_equal_widths_is_refused(self):
        # Upstream never reads a projector when E == H, so a checkpoint that has one does not match
        # its config.json.
        cfg, tensors = random_model(np.random.default_rng(7), V=40, E=16, H=16, nh=2, F=32, N=1, labels=2,
                                    act="gelu", adapters=False)
        tensors["albert.projector.weight"] = np.eye(16, dtype=np.float32)
        tensors["albert.projector.bias"] = np.zeros(16, dtype=np.float32)
        with tempfile.TemporaryDirectory() as model_dir:
            with open(os.path.join(model_dir, "config.json"), "w") as f:
                json.dump(cfg, f)
            write_safetensors(os.path.join(model_dir, "model.safetensors"), tensors)
            r = subprocess.run([CLI, "info", "--model", model_dir], capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("unexpected tensor 'albert.projector.", r.stderr)
        self.assertIn("embedding_size == hidden_size", r.stderr)


class ForwardCliErrors(unittest.TestCase):
    def run_bad(self, payload, needle, model="tiny"):
        with tempfile.TemporaryDirectory() as tmp:
            inp = os.path.join(tmp, "in.json")
            with open(inp, "w") as f:
                f.write(payload if isinstance(payload, str) else json.dumps(payload))
            r = subprocess.run([CLI, "forward", "--model", os.path.join(GOLDEN, model), "--input", inp],
                               capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertIn(needle, r.stderr)

    def test_errors(self):
        self.run_bad("{oops", "not a JSON object")
        self.run_bad({"attention_mask": [[1]]}, 'missing "input_ids"')
        self.run_bad({"input_ids": [[2, 5], [2]]}, "ragged")
        self.run_bad({"input_ids": [[2, 1000]]}, "outside the vocabulary")
        self.run_bad({"input_ids": [[2] * 513]}, "max_position_embeddings")
        self.run_bad({"input_ids": [[2, 3]], "attention_mask": [[1]]}, "ragged")
        self.run_bad({"input_ids": [[2, "x"]]}, "not an integer")
        self.run_bad({"input_ids": [[2, 3]]}, "cannot open '", model="no-such-model")


if __name__ == "__main__":
    unittest.main()
