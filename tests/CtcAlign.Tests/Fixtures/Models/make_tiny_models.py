#!/usr/bin/python3
"""Writes the tiny ONNX models the Acoustic tests load (committed; CI does not run this).

tiny-package/model.onnx (and tiny-hf/model.onnx, input named input_values):
            audio [batch, samples] -> Unsqueeze -> Conv(kernel 3*S, stride S, pad S) -> Transpose
            -> logits [batch, floor(samples / S), V]. Each frame sees its neighbours, like a real
            convolutional CTC model, so windowed inference must keep context to match whole-file inference.
rank3.onnx: the same network taking audio [batch, 1, samples] (a wrong input rank for CtcAlign).
batch1.onnx: the same network exported with a fixed batch size of 1.
Run with Debian's python: /usr/bin/python3 make_tiny_models.py (needs python3-onnx, python3-numpy).
"""
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

S = 320   # frame stride in samples (20 ms at 16 kHz)
V = 5     # vocabulary: <pad> | a b c


def model(input_name, output_name, rank3, batch="batch"):
    rng = np.random.RandomState(1234)
    w = (rng.randn(V, 1, 3 * S) * 0.05).astype(np.float32)
    b = np.linspace(-0.5, 0.5, V).astype(np.float32)
    nodes = []
    conv_in = input_name
    if not rank3:
        nodes.append(helper.make_node("Unsqueeze", [input_name, "axes"], ["x3"]))
        conv_in = "x3"
    nodes.append(helper.make_node("Conv", [conv_in, "W", "B"], ["y"], kernel_shape=[3 * S], strides=[S], pads=[S, S]))
    nodes.append(helper.make_node("Transpose", ["y"], [output_name], perm=[0, 2, 1]))
    in_shape = [batch, 1, "samples"] if rank3 else [batch, "samples"]
    inits = [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "B")]
    if not rank3:
        inits.append(numpy_helper.from_array(np.array([1], dtype=np.int64), "axes"))
    graph = helper.make_graph(
        nodes, "tiny_ctc",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, in_shape)],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [batch, "frames", V])],
        initializer=inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="ctcalign-tests")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


here = os.path.dirname(os.path.abspath(__file__))
onnx.save(model("audio", "logits", False), os.path.join(here, "tiny-package", "model.onnx"))
onnx.save(model("input_values", "logits", False), os.path.join(here, "tiny-hf", "model.onnx"))
onnx.save(model("audio", "logits", True), os.path.join(here, "rank3.onnx"))
onnx.save(model("audio", "logits", False, batch=1), os.path.join(here, "batch1.onnx"))
print("wrote tiny-package/model.onnx, tiny-hf/model.onnx, rank3.onnx, batch1.onnx")
