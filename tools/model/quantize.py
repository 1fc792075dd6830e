#!/usr/bin/python3
"""Dynamic int8 quantisation of a CtcAlign model package's pointwise (1x1) convolutions, with only the onnx package
(no onnxruntime.quantization here):

  /usr/bin/python3 tools/model/quantize.py --model models/default            # writes models/default/model.int8.onnx

Each Conv with a 1-wide kernel and group 1 (the 12 blocks' pointwise convs and the output layer: about 80% of the
model's multiply-adds) becomes
  Transpose -> DynamicQuantizeLinear -> MatMulInteger(uint8 activations, int8 weights) -> Cast -> Mul(scales)
  -> Add(bias) -> Transpose,
the pattern ONNX Runtime fuses into its DynamicQuantizeMatMul kernel (u8s8 GEMM with pre-packed weights). Weights
are quantised symmetrically per output channel; activations per tensor, per call (so no calibration data is
needed). The log-mel front end, the strided input conv and the depthwise convs stay float32: the waveform's dynamic
range does not survive 8 bits, and the depthwise convs are a small share of the work.

Before quantising, fast_graph.py rewrites the graph to compute the same function with less CPU work in ONNX
Runtime (a folded log-mel DFT with half the multiply-adds, the encoder as Conv2d for the NCHWc kernels, squares as
Mul; see its doc): float32 results within 2e-5 in log-probability of model.onnx. --no-rewrite quantises the
exported graph as it is (the previous int8 graph, for side-by-side timing).

The package's ctcalign-model.json gains "precisions": {"int8": "model.int8.onnx"}; the aligner picks it with
--precision auto (the default) on the CPU and with --precision int8. Check agreement with tools/model/quantize_check.sh before shipping.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fast_graph  # noqa: E402


def quantize_weight(w):
    """w: [out, in] float32 -> (int8 [in, out], per-output-channel scale [out])."""
    amax = np.abs(w).max(axis=1)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8)
    return np.ascontiguousarray(q.T), scale


def is_pointwise(node, inits):
    """A 1x1 Conv1d over [B, C, T], or (after fast_graph.encoder_to_4d) a 1x1 Conv2d over [B, C, 1, T]."""
    if node.op_type != "Conv" or node.input[1] not in inits:
        return False
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    w = inits[node.input[1]]
    spatial = len(w.dims) - 2
    return (spatial in (1, 2) and all(d == 1 for d in w.dims[2:]) and attrs.get("group", 1) == 1
            and list(attrs.get("strides", [1] * spatial)) == [1] * spatial
            and list(attrs.get("dilations", [1] * spatial)) == [1] * spatial
            and list(attrs.get("pads", [0] * 2 * spatial)) == [0] * 2 * spatial)


def quantize(model):
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    nodes, new_inits, done = [], [], 0
    for node in graph.node:
        if not is_pointwise(node, inits):
            nodes.append(node)
            continue
        p = node.name.strip("/").replace("/", "_") or f"pw{done}"
        w4 = numpy_helper.to_array(inits[node.input[1]])
        w = w4.reshape(w4.shape[0], w4.shape[1]).astype(np.float32)
        # channels last for the product: [B, C, T] -> [B, T, C], or [B, C, 1, T] -> [B, 1, T, C]
        to_last, to_first = ([0, 2, 1], [0, 2, 1]) if w4.ndim == 3 else ([0, 2, 3, 1], [0, 3, 1, 2])
        wq, ws = quantize_weight(w)
        new_inits += [numpy_helper.from_array(wq, p + "_wq"), numpy_helper.from_array(ws, p + "_ws"),
                      numpy_helper.from_array(np.zeros((), np.int8), p + "_wzp")]
        x, y = node.input[0], node.output[0]
        nodes += [
            helper.make_node("Transpose", [x], [p + "_xt"], perm=to_last, name=p + "_in_t"),
            helper.make_node("DynamicQuantizeLinear", [p + "_xt"], [p + "_xq", p + "_xs", p + "_xzp"], name=p + "_dql"),
            helper.make_node("MatMulInteger", [p + "_xq", p + "_wq", p + "_xzp", p + "_wzp"], [p + "_mmi"], name=p + "_mmi"),
            helper.make_node("Cast", [p + "_mmi"], [p + "_mmf"], to=TensorProto.FLOAT, name=p + "_cast"),
            helper.make_node("Mul", [p + "_xs", p + "_ws"], [p + "_scale"], name=p + "_scale"),
            helper.make_node("Mul", [p + "_mmf", p + "_scale"], [p + "_deq"], name=p + "_deq"),
        ]
        last = p + "_deq"
        if len(node.input) > 2 and node.input[2]:
            nodes.append(helper.make_node("Add", [last, node.input[2]], [p + "_b"], name=p + "_bias"))
            last = p + "_b"
        nodes.append(helper.make_node("Transpose", [last], [y], perm=to_first, name=p + "_out_t"))
        done += 1
    used = {i for n in nodes for i in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    # MatMulInteger and DynamicQuantizeLinear need opset 10 and 11; the models are opset 13
    onnx.checker.check_model(model)
    return done


def rewrite(model):
    """fast_graph's rewrites, in the order they depend on: the front end first, then the encoder's layout."""
    fast_graph.fold_logmel(model)
    fast_graph.squares_as_mul(model)
    fast_graph.encoder_to_4d(model)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="models/default", help="model package folder (model.onnx + ctcalign-model.json)")
    ap.add_argument("--out-name", default="model.int8.onnx")
    ap.add_argument("--no-rewrite", action="store_true", help="quantise the exported graph without fast_graph's rewrites")
    a = ap.parse_args()
    desc_path = os.path.join(a.model, "ctcalign-model.json")
    with open(desc_path) as f:
        desc = json.load(f)
    model = onnx.load(os.path.join(a.model, desc.get("model_file", "model.onnx")))
    if not a.no_rewrite:
        rewrite(model)
    n = quantize(model)
    if n == 0:
        sys.exit("quantize.py: no pointwise convolution found; nothing to quantise")
    out = os.path.join(a.model, a.out_name)
    onnx.save(model, out + ".tmp")
    os.replace(out + ".tmp", out)
    desc.setdefault("precisions", {})["int8"] = a.out_name
    with open(desc_path + ".tmp", "w") as f:
        json.dump(desc, f, indent=2)
        f.write("\n")
    os.replace(desc_path + ".tmp", desc_path)
    print(f"{out}: {n} pointwise convolutions quantised to int8, {os.path.getsize(out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
