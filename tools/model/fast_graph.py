"""Rewrites of an exported CtcAlign graph that compute the same function with less CPU work in ONNX Runtime; used by
quantize.py for the CPU graph (model.int8.onnx). model.onnx itself is left as export.py wrote it.

fold_logmel: the front end's 400-tap DFT convolution (402 cos/sin kernels, stride 160) becomes two 200x199 matrix
  products over frames folded at their centre. The periodic Hann window w is symmetric (w[n] = w[400-n], w[0] = 0),
  cos(2 pi k n / 400) is even and sin odd about n = 200, so with e[n] = x[n] + x[400-n] and o[n] = x[n] - x[400-n]
  (n = 1..200) the real part is e . (w cos) and the imaginary part o . (w sin): half the multiply-adds. The DC and
  Nyquist bins, which no mel filter weighs, are dropped; the square is a Mul, not a Pow. Frames are cut by reshaping
  the padded waveform into rows of one hop (160 samples): x[1..200] of frame t is row t [1:160] + row t+1 [0:41], and
  x[399..200] comes from the rows reversed once. The result is the same log-mel up to float rounding (checked by
  tools/model/tests/test_model_tools.py against the exported graph).

encoder_to_4d: the encoder's Conv1d layers run as Conv2d over [B, C, 1, T], which ONNX Runtime's NCHWc layout
  optimisation turns into its blocked AVX2/AVX-512 convolution kernels (its 1-D grouped convolution runs one small
  matrix product per channel instead: the depthwise convs cost more than the int8 pointwise products).

squares_as_mul: Pow(x, 2) as Mul(x, x).
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper

N_FFT, HOP = 400, 160
TAIL_PAD = 80  # zeros past the usual 120 so that the padded waveform fills T + 2 whole rows


def _hann_dft_halves():
    """(wc [200, 199], ws [200, 199]): rows n = 1..200, columns bins k = 1..199, for the folded frames."""
    n = np.arange(1, N_FFT // 2 + 1, dtype=np.float64)[:, None]
    k = np.arange(1, N_FFT // 2, dtype=np.float64)[None, :]
    w = 0.5 - 0.5 * np.cos(2 * np.pi * n / N_FFT)
    ang = 2 * np.pi * k * n / N_FFT
    wc = w * np.cos(ang)
    ws = w * np.sin(ang)
    wc[-1] *= 0.5  # e[200] = 2 x[200]
    ws[-1] = 0.0  # o[200] = 0 (and sin(pi k) = 0)
    return wc.astype(np.float32), ws.astype(np.float32)


def _find(graph, pred, what):
    hits = [n for n in graph.node if pred(n)]
    if len(hits) != 1:
        raise ValueError(f"fast_graph: expected one {what}, found {len(hits)}")
    return hits[0]


def fold_logmel(model):
    """Replaces the nodes from the waveform input to the front end's Log with the folded DFT (see the module doc)."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    conv = _find(g, lambda n: n.op_type == "Conv" and n.input[1] in inits and list(inits[n.input[1]].dims) == [N_FFT + 2, 1, N_FFT],
                 "DFT convolution [402, 1, 400]")
    kernels = numpy_helper.to_array(inits[conv.input[1]]).astype(np.float64)[:, 0, :]
    # the exported kernels must be the Hann-windowed DFT this rewrite assumes
    nn = np.arange(N_FFT)
    kk = np.arange(N_FFT // 2 + 1)[:, None]
    win = 0.5 - 0.5 * np.cos(2 * np.pi * nn / N_FFT)
    expect = np.concatenate([np.cos(2 * np.pi * kk * nn / N_FFT) * win, -np.sin(2 * np.pi * kk * nn / N_FFT) * win])
    if np.abs(kernels - expect).max() > 1e-5:
        raise ValueError("fast_graph: the DFT kernels are not the periodic-Hann 400-point DFT")
    mm = _find(g, lambda n: n.op_type == "MatMul" and n.input[0] in inits and list(inits[n.input[0]].dims) == [80, N_FFT // 2 + 1],
               "mel MatMul [80, 201]")
    fb = numpy_helper.to_array(inits[mm.input[0]]).astype(np.float32)
    if np.abs(fb[:, 0]).max() > 0 or np.abs(fb[:, -1]).max() > 0:
        raise ValueError("fast_graph: the mel filters weigh the DC or Nyquist bin")
    add = _find(g, lambda n: n.op_type == "Add" and mm.output[0] in n.input, "Add after the mel MatMul")
    log = _find(g, lambda n: n.op_type == "Log" and add.output[0] in n.input, "front-end Log")
    eps = [i for i in add.input if i != mm.output[0]][0]
    # the nodes to drop: everything the Log depends on
    producer = {o: n for n in g.node for o in n.output}
    drop, stack = set(), [log.output[0]]
    while stack:
        name = stack.pop()
        n = producer.get(name)
        if n is None or id(n) in drop:
            continue
        drop.add(id(n))
        stack.extend(i for i in n.input if i)
    wav = g.input[0].name
    wc, ws = _hann_dft_halves()
    p = "fold_logmel_"

    def const(name, value, dtype=np.int64):
        return numpy_helper.from_array(np.asarray(value, dtype=dtype), p + name)

    new_inits = [const("wc", wc, np.float32), const("ws", ws, np.float32),
                 const("fbt", np.ascontiguousarray(fb[:, 1:-1].T), np.float32),
                 const("c0", [0]), const("c1", [1]), const("c2", [2]), const("c40", [40]), const("c41", [41]),
                 const("c80", [80]), const("c120", [120]), const("c159", [159]), const("c160", [HOP]),
                 const("cminf", [-(2 ** 62)]), const("cminus1", [-1]), const("axes12", [1, 2]),
                 const("pads", [0, (N_FFT - HOP) // 2, 0, (N_FFT - HOP) // 2 + TAIL_PAD]), const("pairs_shape", [0, -1, HOP])]

    def cat(out, *parts):
        return helper.make_node("Concat", [p + x for x in parts], [p + out], axis=0)

    def sl(out, data, starts, ends, axes, steps=None):
        return helper.make_node("Slice", [p + data, p + starts, p + ends, p + axes] + ([p + steps] if steps else []), [p + out])

    # Q[j] = padded[160 j : 160 j + 160] (T + 2 rows); frame t is padded[160 t : 160 t + 400]. With Qr the rows
    # reversed: x[1..200] of frame t = Q[t][1:160] ++ Q[t+1][0:41], x[399..200] = Qr[t+2][80:160] ++ Qr[t+1][0:120].
    nodes = [
        helper.make_node("Shape", [wav], [p + "shape"]),
        sl("n", "shape", "c1", "c2", "c0"),  # [N]
        helper.make_node("Div", [p + "n", p + "c160"], [p + "t"]),  # frames T = floor(N / 160)
        helper.make_node("Add", [p + "t", p + "c1"], [p + "t1"]),
        helper.make_node("Add", [p + "t", p + "c2"], [p + "t2"]),
        helper.make_node("Mul", [p + "t2", p + "c160"], [p + "len"]),
        helper.make_node("Pad", [wav, p + "pads"], [p + "padded"], mode="constant"),  # 120 before, 200 after
        sl("trimmed", "padded", "c0", "len", "c1"),
        helper.make_node("Reshape", [p + "trimmed", p + "pairs_shape"], [p + "q"]),  # [B, T + 2, 160]
        sl("qr", "q", "c159", "cminf", "c2", "cminus1"),
        cat("a0_s", "c0", "c1"), cat("a0_e", "t", "c160"), cat("a1_s", "c1", "c0"), cat("a1_e", "t1", "c41"),
        cat("r0_s", "c2", "c80"), cat("r0_e", "t2", "c160"), cat("r1_s", "c1", "c0"), cat("r1_e", "t1", "c120"),
        sl("a0", "q", "a0_s", "a0_e", "axes12"), sl("a1", "q", "a1_s", "a1_e", "axes12"),
        sl("r0", "qr", "r0_s", "r0_e", "axes12"), sl("r1", "qr", "r1_s", "r1_e", "axes12"),
        helper.make_node("Concat", [p + "a0", p + "a1"], [p + "x"], axis=2),  # x[1..200], [B, T, 200]
        helper.make_node("Concat", [p + "r0", p + "r1"], [p + "xr"], axis=2),  # x[399..200]
    ]
    nodes += [
        helper.make_node("Add", [p + "x", p + "xr"], [p + "even"]),
        helper.make_node("Sub", [p + "x", p + "xr"], [p + "odd"]),
        helper.make_node("MatMul", [p + "even", p + "wc"], [p + "re"]),
        helper.make_node("MatMul", [p + "odd", p + "ws"], [p + "im"]),
        helper.make_node("Mul", [p + "re", p + "re"], [p + "re2"]),
        helper.make_node("Mul", [p + "im", p + "im"], [p + "im2"]),
        helper.make_node("Add", [p + "re2", p + "im2"], [p + "power"]),  # [B, T, 199]
        helper.make_node("MatMul", [p + "power", p + "fbt"], [p + "mel"]),  # [B, T, 80]
        helper.make_node("Add", [p + "mel", eps], [p + "mel_eps"]),
        helper.make_node("Log", [p + "mel_eps"], [p + "logmel"]),
        helper.make_node("Transpose", [p + "logmel"], [log.output[0]], perm=[0, 2, 1]),  # [B, 80, T] as before
    ]
    consts = [n for n in g.node if n.op_type == "Constant"]
    kept = [n for n in g.node if id(n) not in drop and n.op_type != "Constant"]
    del g.node[:]
    g.node.extend(consts + nodes + kept)
    g.initializer.extend(new_inits)
    _prune_initializers(g)
    onnx.checker.check_model(model)


def encoder_to_4d(model):
    """Runs the encoder (every Conv after the front end, and the element-wise nodes between them) on [B, C, 1, T]
    tensors: the Conv1d weights gain a height of 1, the encoder's input an Unsqueeze and its output a Squeeze. Then
    ONNX Runtime's NCHWc optimisation takes the depthwise and input convs, and a Transpose to [B, 1, T, C] after
    one of them becomes part of its output reorder. Returns the number of convolutions changed."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    convs = [n for n in g.node if n.op_type == "Conv" and n.input[1] in inits and len(inits[n.input[1]].dims) == 3]
    if not convs:
        raise ValueError("fast_graph: no Conv1d to run in 4-D")
    producer = {o: n for n in g.node for o in n.output}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    # the encoder: from the first conv's input to the last conv's output, through element-wise nodes only
    first, last = convs[0], convs[-1]
    inside, stack = set(), [first]
    elementwise = {"Conv", "Add", "Mul", "Div", "Sub", "Erf", "Sigmoid", "Tanh", "Relu"}
    while stack:
        n = stack.pop()
        if id(n) in inside:
            continue
        if n.op_type not in elementwise:
            raise ValueError(f"fast_graph: {n.op_type} node {n.name} inside the encoder is not element-wise")
        inside.add(id(n))
        if n is last:
            continue
        for o in n.output:
            stack.extend(consumers.get(o, []))
    for n in g.node:  # every input of an encoder node comes from the encoder, the encoder's input or a constant
        if id(n) not in inside:
            continue
        for i in n.input:
            src = producer.get(i)
            if i and src is not None and id(src) not in inside and i != first.input[0] and src.op_type != "Constant":
                raise ValueError(f"fast_graph: encoder node {n.name} reads {i} from outside the encoder")
    axes = numpy_helper.from_array(np.array([2], np.int64), "encoder_4d_axes")
    g.initializer.append(axes)
    x3, y3 = first.input[0], last.output[0]
    x4 = x3 + "_4d"
    y4 = y3 + "_4d"
    for n in convs:
        w = inits[n.input[1]]
        w4 = numpy_helper.from_array(np.ascontiguousarray(numpy_helper.to_array(w)[:, :, None, :]), n.input[1] + "_4d")
        g.initializer.append(w4)
        a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        pads = list(a.get("pads", [0, 0]))
        attrs = dict(kernel_shape=[1, int(w.dims[2])], group=a.get("group", 1), strides=[1, a.get("strides", [1])[0]],
                     dilations=[1, a.get("dilations", [1])[0]], pads=[0, pads[0], 0, pads[1]])
        del n.attribute[:]
        n.attribute.extend(helper.make_attribute(k, v) for k, v in attrs.items())
        n.input[1] = w4.name
    first.input[0] = x4
    last.output[0] = y4
    at = list(g.node).index(first)
    g.node.insert(at, helper.make_node("Unsqueeze", [x3, axes.name], [x4], name="encoder_4d_unsqueeze"))
    at = list(g.node).index(last)
    g.node.insert(at + 1, helper.make_node("Squeeze", [y4, axes.name], [y3], name="encoder_4d_squeeze"))
    _prune_initializers(g)
    onnx.checker.check_model(model)
    return len(convs)


def squares_as_mul(model):
    """Pow(x, 2) with a constant exponent becomes Mul(x, x) (ONNX Runtime's Pow kernel is slower). Returns the count."""
    g = model.graph
    inits = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    for n in g.node:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.name == "value":
                    inits[n.output[0]] = numpy_helper.to_array(a.t)
    done = 0
    for n in g.node:
        if n.op_type == "Pow" and n.input[1] in inits and inits[n.input[1]].size == 1 and float(inits[n.input[1]].reshape(-1)[0]) == 2.0:
            n.op_type = "Mul"
            n.input[1] = n.input[0]
            done += 1
    _prune_initializers(g)
    onnx.checker.check_model(model)
    return done


def _prune_initializers(g):
    """Drops initializers and Constant nodes nothing reads any more."""
    used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
    nodes = [n for n in g.node if n.op_type != "Constant" or any(o in used for o in n.output)]
    del g.node[:]
    g.node.extend(nodes)
    kept = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
