#!/usr/bin/env python3
"""Dynamic int8 quantization of an ONNX model, the graph onnxruntime.quantization.quantize_dynamic
writes with its defaults, reimplemented with the onnx package alone (python onnxruntime is not
installable here).

    /usr/bin/python3 models/quantize_onnx.py IN.onnx OUT.onnx [--per-channel]

What quantize_dynamic(IN, OUT) does (QuantizationMode.IntegerOps, weight_type QInt8, activations
QUInt8, per_channel False, reduce_range False, MatMulConstBOnly True; onnxruntime/python/tools/
quantization: onnx_quantizer.py, operators/matmul.py MatMulInteger, operators/gather.py,
quant_utils.py) and so does this script:

  - Gemm (alpha = beta = 1, no transA) is first rewritten as MatMul + Add.
  - MatMul whose B is an initializer W [K, N]:
        A -> DynamicQuantizeLinear -> (A_q uint8, a_scale, a_zp)          one per distinct A
        MatMulInteger(A_q, W_q, a_zp, w_zp) -> Cast(float) -> Mul(., Mul(a_scale, w_scale)) -> Y
    W_q is int8, symmetric: scale = max|W| / 127 (over the whole tensor, or per output column N
    with --per-channel), zero point 0, W_q = clip(round_half_even(W / scale), -128, 127).
    An initializer used by several MatMuls (the shared layer) is quantized once.
  - Gather whose data is a float initializer (the embedding tables): the table is stored uint8,
    asymmetric over [min(0, min T), max(0, max T)] (scale = range / 255, zero point
    round(-rmin / scale)), gathered as uint8 and followed by DequantizeLinear.
  - Everything else is unchanged, and float initializers nobody reads any more are dropped.

onnxruntime then fuses DynamicQuantizeLinear + MatMulInteger + Cast + Mul (+ bias Add) into its
DynamicQuantizeMatMul kernel when the session is created, as it does for quantize_dynamic output.
Other operators quantize_dynamic knows (Conv, Attention, LSTM, EmbedLayerNormalization) are refused
by name: this script is for the graphs models/export_onnx.py writes.
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

UNSUPPORTED = {"Conv", "Attention", "LSTM", "EmbedLayerNormalization"}


class QuantizeError(Exception):
    """A graph this script cannot quantize the way quantize_dynamic would."""


def quantize_params(data, qtype, symmetric):
    """(zero_point, scale) as quant_utils.compute_scale_zp computes them: the range always
    includes 0; the scale is computed in float64 and stored float32."""
    rmin = min(data.min(), np.float32(0))
    rmax = max(data.max(), np.float32(0))
    if qtype == TensorProto.INT8:
        qmin, qmax = (-127, 127) if symmetric else (-128, 127)
    else:
        qmin, qmax = (0, 254) if symmetric else (0, 255)
    if symmetric:
        rmax = max(abs(rmin), abs(rmax))
        rmin = -rmax
    scale = float(rmax - rmin) / (qmax - qmin)   # the difference in float32, the division in float64
    if scale < np.finfo(np.float32).tiny:
        return 0, np.float32(1.0)
    zero_point = round((qmin + qmax) / 2.0) if symmetric else round(qmin - float(rmin) / scale)
    return int(zero_point), np.float32(scale)


def quantize_array(data, qtype, scale, zero_point):
    """quant_utils.quantize_nparray: float32 division, round half to even, clip to the type."""
    info = np.iinfo(np.int8 if qtype == TensorProto.INT8 else np.uint8)
    q = np.round(data.astype(np.float32) / scale) + zero_point
    return np.clip(q, info.min, info.max).astype(info.dtype)


class DynamicQuantizer:
    def __init__(self, model, per_channel):
        self.model = model
        self.graph = model.graph
        self.per_channel = per_channel
        self.initializers = {t.name: t for t in self.graph.initializer}
        self.new_initializers = []
        self.nodes = []
        # Original float value -> (quantized name, scale name, zero point name), as
        # ONNXQuantizer.quantized_value_map: an activation is quantized once for all its MatMuls,
        # a weight once for all the MatMuls that share it.
        self.quantized = {}
        # Quantized Gather outputs waiting for their DequantizeLinear.
        self.pending_dequantize = {}

    def add_initializer(self, array, name):
        tensor = numpy_helper.from_array(array, name)
        self.new_initializers.append(tensor)
        return name

    def float_initializer(self, name):
        tensor = self.initializers.get(name)
        return tensor if tensor is not None and tensor.data_type == TensorProto.FLOAT else None

    def quantize_initializer(self, name, qtype, symmetric, axis=None):
        if name in self.quantized:
            return self.quantized[name]
        data = numpy_helper.to_array(self.initializers[name])
        if axis is None:
            zero_point, scale = quantize_params(data, qtype, symmetric)
            q = quantize_array(data, qtype, scale, zero_point)
            scales, zero_points = np.array(scale, np.float32), np.array(zero_point)
        else:
            columns = [quantize_params(data.take(i, axis), qtype, symmetric) for i in range(data.shape[axis])]
            zero_points = np.array([z for z, _ in columns])
            scales = np.array([s for _, s in columns], np.float32)
            shape = [1] * data.ndim
            shape[axis] = -1
            q = quantize_array(data, qtype, scales.reshape(shape), zero_points.reshape(shape))
        np_type = np.int8 if qtype == TensorProto.INT8 else np.uint8
        names = (self.add_initializer(q, name + "_quantized"),
                 self.add_initializer(scales, name + "_scale"),
                 self.add_initializer(zero_points.astype(np_type), name + "_zero_point"))
        self.quantized[name] = names
        return names

    def quantize_activation(self, name):
        if name not in self.quantized:
            names = (name + "_quantized", name + "_scale", name + "_zero_point")
            self.nodes.append(helper.make_node("DynamicQuantizeLinear", [name], list(names),
                                               name + "_QuantizeLinear"))
            self.quantized[name] = names
        return self.quantized[name]

    def matmul(self, node):
        a_q, a_scale, a_zp = self.quantize_activation(node.input[0])
        w_q, w_scale, w_zp = self.quantize_initializer(node.input[1], TensorProto.INT8, symmetric=True,
                                                       axis=-1 if self.per_channel else None)
        name = node.name + "_quant"
        out = node.output[0] + "_output_quantized"
        self.nodes.append(helper.make_node("MatMulInteger", [a_q, w_q, a_zp, w_zp], [out], name))
        self.nodes.append(helper.make_node("Cast", [out], [out + "_cast_output"], out + "_cast",
                                           to=TensorProto.FLOAT))
        self.nodes.append(helper.make_node("Mul", [a_scale, w_scale], [name + "_scales_mul:0"],
                                           name + "_scales_mul"))
        self.nodes.append(helper.make_node("Mul", [out + "_cast_output", name + "_scales_mul:0"],
                                           [node.output[0]], name + "_output_scale_mul"))

    def gather(self, node):
        q, scale, zp = self.quantize_initializer(node.input[0], TensorProto.UINT8, symmetric=False)
        out = node.output[0] + "_quantized"
        gathered = onnx.NodeProto()
        gathered.CopyFrom(node)
        gathered.input[0], gathered.output[0] = q, out
        self.nodes.append(gathered)
        self.pending_dequantize[node.output[0]] = (out, scale, zp)

    def dequantize_inputs(self, names):
        for name in names:
            if name in self.pending_dequantize:
                self.nodes.append(helper.make_node("DequantizeLinear", list(self.pending_dequantize.pop(name)),
                                                   [name], name + "_DequantizeLinear"))

    def run(self):
        for node in self.graph.node:
            if node.op_type in UNSUPPORTED:
                raise QuantizeError(f"node '{node.name}' is a {node.op_type}; only MatMul and Gather are handled")
            if node.op_type == "MatMul" and self.float_initializer(node.input[1]) is not None:
                self.matmul(node)
            elif node.op_type == "Gather" and self.float_initializer(node.input[0]) is not None:
                self.gather(node)
            else:
                self.dequantize_inputs(node.input)
                self.nodes.append(node)
        self.dequantize_inputs([o.name for o in self.graph.output])
        used = {name for node in self.nodes for name in node.input}
        kept = [t for t in self.graph.initializer if t.name in used]
        del self.graph.initializer[:]
        self.graph.initializer.extend(kept + [t for t in self.new_initializers if t.name in used])
        del self.graph.node[:]
        self.graph.node.extend(self.nodes)
        self.model.producer_name = "onnx.quantize"   # what quantize_dynamic writes
        return self.model


def replace_gemm_with_matmul(graph):
    """ONNXModel.replace_gemm_with_matmul, which dynamic quantization runs first: a Gemm with
    alpha = beta = 1 and no transA becomes MatMul (+ Add of C); a transB initializer is stored
    transposed under its own name."""
    initializers = {t.name: t for t in graph.initializer}
    nodes = []
    for node in graph.node:
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type != "Gemm" or attrs.get("alpha", 1.0) != 1.0 or attrs.get("beta", 1.0) != 1.0 \
                or attrs.get("transA", 0) != 0:
            nodes.append(node)
            continue
        b = node.input[1]
        if attrs.get("transB", 0):
            if b in initializers:
                transposed = numpy_helper.from_array(numpy_helper.to_array(initializers[b]).T.copy(), b)
                initializers[b].CopyFrom(transposed)
            else:
                nodes.append(helper.make_node("Transpose", [b], [b + "_Transposed"], node.name + "_Transpose"))
                b += "_Transposed"
        has_bias = len(node.input) > 2 and node.input[2]
        product = node.output[0] + ("_MatMul" if has_bias else "")
        nodes.append(helper.make_node("MatMul", [node.input[0], b], [product], node.name + "_MatMul"))
        if has_bias:
            nodes.append(helper.make_node("Add", [product, node.input[2]], [node.output[0]], node.name + "_Add"))
    del graph.node[:]
    graph.node.extend(nodes)


def quantize_dynamic(model, per_channel=False):
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    if opset < 11:
        raise QuantizeError(f"opset {opset}: DynamicQuantizeLinear needs opset 11 or later")
    replace_gemm_with_matmul(model.graph)
    return DynamicQuantizer(model, per_channel).run()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--per-channel", action="store_true",
                        help="one weight scale per output column (quantize_dynamic per_channel=True)")
    args = parser.parse_args(argv)
    try:
        model = quantize_dynamic(onnx.load(args.input), args.per_channel)
    except QuantizeError as e:
        print(f"quantize_onnx: {args.input}: {e}", file=sys.stderr)
        return 1
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)) or ".", exist_ok=True)
    onnx.save(model, args.output)
    counts = {}
    for node in model.graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    print(f"wrote {args.output} ({os.path.getsize(args.output) / 1e6:.1f} MB; "
          f"{counts.get('MatMulInteger', 0)} MatMulInteger, {counts.get('DequantizeLinear', 0)} "
          f"DequantizeLinear, {counts.get('MatMul', 0)} float MatMul left)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
