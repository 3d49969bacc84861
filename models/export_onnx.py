#!/usr/bin/env python3
"""Export a miniALBERT model directory to ONNX, for running the same weights in onnxruntime(-web).

    /usr/bin/python3 models/export_onnx.py MODEL_DIR OUT.onnx [--opset 17] [--check]

MODEL_DIR holds config.json and model.safetensors: a directory written by models/convert.py (any
--dtype: F16 tensors are widened, int8 `<name>` + `<name>_scale` pairs are dequantized as
q * scale per row), or an upstream one such as ../shared/golden/full (the int64 `position_ids`
buffer and the unused pooler are skipped).

The graph is exported by tracing models/minialbert_torch.py (the module train.py trains), which
follows ../shared/golden/README.md, "Architecture", step by step:

  inputs   input_ids, attention_mask, token_type_ids   int64 [batch, sequence]
  output   logits   float32 [batch, sequence, num_labels] (token classification)
                    or [batch, num_labels] (sequence classification, from the first token)

Both batch and sequence are dynamic axes. The state-dict keys are the upstream tensor names and are
loaded strictly, so a missing, extra or mis-shaped tensor stops the export with its name.
Linear layers are exported as MatMul (+ Add), and the one shared layer's weights are one set of
initializers used by every recursion, as torch.onnx.export writes any Hugging Face model; so
quantizing the file the usual way (models/quantize_onnx.py) sees what a user of onnxruntime-web
would see.

--check runs the PyTorch module on MODEL_DIR/cases.json (the golden cases) before exporting and
fails unless every logits array is within 1e-4. The ONNX file itself is checked through
onnxruntime-web by tests/web/bench/ort-golden.mjs.
"""

import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from minialbert_torch import ACT, ARCHITECTURES  # noqa: E402
from safetensors_io import SafetensorsError, read_safetensors  # noqa: E402

# Tensors of an upstream checkpoint that inference never reads.
SKIPPED_SUFFIXES = ("position_ids", "embeddings.token_type_ids")
SKIPPED_PREFIXES = ("albert.albert.pooler.",)

CHECK_ATOL = 1e-4


class ExportError(Exception):
    """A model directory that cannot be exported; the message names the file and the tensor."""


# --------------------------------------------------------------------------------------------
# Loading.

def read_config(model_dir):
    path = os.path.join(model_dir, "config.json")
    try:
        with open(path, encoding="utf-8") as f:
            cfg = json.load(f)
    except (OSError, ValueError) as e:
        raise ExportError(f"{path}: {e}") from None
    archs = [a for a in cfg.get("architectures") or [] if a in ARCHITECTURES]
    if len(archs) != 1:
        raise ExportError(f"{path}: 'architectures' must name one of {', '.join(ARCHITECTURES)}; "
                          f"got {cfg.get('architectures')!r}")
    if cfg.get("hidden_act") not in ACT:
        raise ExportError(f"{path}: hidden_act {cfg.get('hidden_act')!r} is not supported "
                          f"(supported: {', '.join(ACT)})")
    if not isinstance(cfg.get("id2label"), dict) or not cfg["id2label"]:
        raise ExportError(f"{path}: 'id2label' must be a non-empty object")
    return cfg, archs[0]


def float_state_dict(path):
    """The tensors of a safetensors file as float32 torch tensors, keyed by upstream name."""
    tensors = read_safetensors(path)
    scales = {name + "_scale" for name, array in tensors.items() if array.dtype == np.int8}
    state = {}
    for name, array in tensors.items():
        if skipped(name) or name in scales:
            continue
        if array.dtype == np.int8:
            # convert.py --dtype int8: symmetric, one scale per row (output channel / table row).
            scale = tensors.get(name + "_scale")
            if scale is None or scale.shape != array.shape[:1]:
                raise ExportError(f"{path}: int8 tensor '{name}' {list(array.shape)} needs "
                                  f"'{name}_scale' of shape [{array.shape[0]}]")
            array = array.astype(np.float32) * scale.astype(np.float32)[:, None]
        elif array.dtype not in (np.float32, np.float16):
            raise ExportError(f"{path}: tensor '{name}' has dtype {array.dtype}; expected F32, F16 or I8")
        state[name] = torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))
    return state


def skipped(name):
    return name.endswith(SKIPPED_SUFFIXES) or name.startswith(SKIPPED_PREFIXES)


def load_model(model_dir):
    cfg, arch = read_config(model_dir)
    model = ARCHITECTURES[arch](cfg)
    head = "token" if arch == "MiniAlbertForTokenClassification" else "sequence"
    state = float_state_dict(os.path.join(model_dir, "model.safetensors"))
    # The module keeps the position_ids buffer and the pooler of upstream checkpoints; neither is
    # read by inference, so they are neither required in the file nor exported.
    expected = {k: v for k, v in model.state_dict().items() if not skipped(k)}
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise ExportError(f"{model_dir}/model.safetensors: missing tensors {missing}, "
                          f"unexpected tensors {unexpected}")
    for name, tensor in state.items():
        if tensor.shape != expected[name].shape:
            raise ExportError(f"{model_dir}/model.safetensors: tensor '{name}' has shape "
                              f"{list(tensor.shape)}; config.json implies {list(expected[name].shape)}")
    model.load_state_dict(state, strict=False)
    return model.eval(), head


# --------------------------------------------------------------------------------------------
# Checking against the golden cases, and exporting.

def golden_cases(model_dir):
    """(name, input_ids, attention_mask, token_type_ids, expected logits) per case."""
    path = os.path.join(model_dir, "cases.json")
    if not os.path.isfile(path):
        raise ExportError(f"{path}: not found; --check needs a golden model directory")
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    blob = np.fromfile(os.path.join(model_dir, spec["bin_file"]), dtype=np.uint8)
    for case in spec["cases"]:
        ids = np.array(case["input_ids"], dtype=np.int64)
        types = case["token_type_ids"]
        types = np.zeros_like(ids) if types is None else np.array(types, dtype=np.int64)
        arr = next(a for a in case["arrays"] if a["name"] == case["name"] + "/logits")
        logits = blob[arr["offset"]:arr["offset"] + arr["nbytes"]].view("<f4").reshape(arr["shape"])
        yield case["name"], ids, np.array(case["attention_mask"], dtype=np.int64), types, logits


def check(model, model_dir):
    worst = 0.0
    with torch.no_grad():
        for name, ids, mask, types, expected in golden_cases(model_dir):
            got = model(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(types)).numpy()
            diff = float(np.max(np.abs(got - expected)))
            worst = max(worst, diff)
            print(f"  {name:34s} {'x'.join(map(str, ids.shape)):>6s}  max |diff| {diff:.2e}")
    if worst > CHECK_ATOL:
        raise ExportError(f"{model_dir}: PyTorch logits differ from the golden ones by {worst:.2e} "
                          f"(tolerance {CHECK_ATOL})")
    print(f"check: every logits array within {CHECK_ATOL} (worst {worst:.2e})")


def export(model, head, out_path, opset):
    example = (torch.ones(1, 8, dtype=torch.int64),) * 2 + (torch.zeros(1, 8, dtype=torch.int64),)
    dims = {0: "batch", 1: "sequence"}
    dynamic = {name: dims for name in ("input_ids", "attention_mask", "token_type_ids")}
    dynamic["logits"] = dims if head == "token" else {0: "batch"}
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(model, example, out_path, opset_version=opset, do_constant_folding=True,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["logits"], dynamic_axes=dynamic)
    graph = onnx.load(out_path)
    bypass_initializer_identities(graph.graph)
    onnx.save(graph, out_path)


def bypass_initializer_identities(graph):
    """Make every recursion's MatMul read the shared weights from the initializer itself.

    torch.onnx.export gives the second and later uses of a shared weight an Identity node in front
    of the one initializer. onnxruntime removes such nodes when it loads a model, and
    onnxruntime.quantization.quant_pre_process does the same before quantizing; without it,
    quantize_dynamic (MatMulConstBOnly) would leave those MatMuls in float32.
    """
    initializers = {t.name for t in graph.initializer}
    alias = {n.output[0]: n.input[0] for n in graph.node
             if n.op_type == "Identity" and n.input[0] in initializers}
    outputs = {o.name for o in graph.output}
    keep = [n for n in graph.node if not (n.op_type == "Identity" and n.output[0] in alias
                                          and n.output[0] not in outputs)]
    for node in keep:
        for i, name in enumerate(node.input):
            node.input[i] = alias.get(name, name)
    del graph.node[:]
    graph.node.extend(keep)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir")
    parser.add_argument("out", help="the .onnx file to write")
    parser.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17: LayerNormalization)")
    parser.add_argument("--check", action="store_true", help="compare with MODEL_DIR/cases.json first")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    try:
        model, head = load_model(args.model_dir)
        if args.check:
            check(model, args.model_dir)
        export(model, head, args.out, args.opset)
    except (ExportError, SafetensorsError) as e:
        print(f"export_onnx: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"export_onnx: {e.filename or ''}: {e.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB, {head} classification, opset {args.opset})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
