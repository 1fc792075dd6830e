"""A small ONNX graph interpreter (torch kernels) for the operators the exported model uses, so that the
evaluation runs the shipped model.onnx itself (Debian has no onnxruntime for Python)."""
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

_DT = {1: torch.float32, 6: torch.int32, 7: torch.int64, 9: torch.bool, 11: torch.float64}


def _attrs(node):
    out = {}
    for a in node.attribute:
        out[a.name] = onnx.helper.get_attribute_value(a)
    return out


class OnnxModel:
    def __init__(self, path):
        self.model = onnx.load(path)
        g = self.model.graph
        self.init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in g.initializer}
        self.input_name = g.input[0].name
        self.output_name = g.output[0].name
        self.nodes = list(g.node)

    def __call__(self, wav):
        """wav: float32 numpy [batch, samples] -> numpy [batch, frames, V]."""
        env = dict(self.init)
        env[self.input_name] = torch.from_numpy(np.ascontiguousarray(wav, dtype=np.float32))
        with torch.no_grad():
            for n in self.nodes:
                ins = [env[i] if i else None for i in n.input]
                a = _attrs(n)
                outs = self._run(n.op_type, ins, a)
                for name, v in zip(n.output, outs if isinstance(outs, (list, tuple)) else [outs]):
                    env[name] = v
        return env[self.output_name].numpy()

    def _run(self, op, x, a):
        if op == "Constant":
            return torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
        if op == "Div" and not x[0].is_floating_point():  # integer division (the operands here are never negative)
            return torch.div(x[0], x[1], rounding_mode="trunc")
        if op in ("Add", "Sub", "Mul", "Div", "Pow"):
            return {"Add": torch.add, "Sub": torch.sub, "Mul": torch.mul, "Div": torch.div, "Pow": torch.pow}[op](x[0], x[1])
        if op in ("Erf", "Log", "Sqrt", "Neg", "Exp", "Tanh", "Relu", "Sigmoid"):
            return {"Erf": torch.erf, "Log": torch.log, "Sqrt": torch.sqrt, "Neg": torch.neg, "Exp": torch.exp,
                    "Tanh": torch.tanh, "Relu": torch.relu, "Sigmoid": torch.sigmoid}[op](x[0])
        if op == "MatMul":
            return torch.matmul(x[0], x[1])
        if op == "Conv":
            w = x[1]
            nd = w.dim() - 2
            if nd not in (1, 2):
                raise NotImplementedError("Conv with more than two spatial axes")
            pads = list(a.get("pads", [0] * 2 * nd))
            inp = x[0]
            if any(pads[i] != pads[i + nd] for i in range(nd)):
                tp = []
                for i in reversed(range(nd)):
                    tp += [pads[i], pads[i + nd]]
                inp = F.pad(inp, tp)
                pad = [0] * nd
            else:
                pad = pads[:nd]
            conv = F.conv1d if nd == 1 else F.conv2d
            return conv(inp, w, x[2] if len(x) > 2 else None, stride=a.get("strides", [1] * nd), padding=pad,
                        dilation=a.get("dilations", [1] * nd), groups=a.get("group", 1))
        if op == "Pad":
            data, pads = x[0], [int(v) for v in x[1].tolist()]
            value = float(x[2]) if len(x) > 2 and x[2] is not None else 0.0
            r = data.dim()
            tp = []
            for d in reversed(range(r)):
                tp += [pads[d], pads[d + r]]
            mode = a.get("mode", b"constant")
            mode = mode.decode() if isinstance(mode, bytes) else mode
            return F.pad(data, tp, mode="constant", value=value) if mode == "constant" else F.pad(data, tp, mode=mode)
        if op == "Slice":
            data = x[0]
            starts, ends = x[1].tolist(), x[2].tolist()
            axes = x[3].tolist() if len(x) > 3 and x[3] is not None else list(range(len(starts)))
            steps = x[4].tolist() if len(x) > 4 and x[4] is not None else [1] * len(starts)
            arr = data.numpy()
            idx = [slice(None)] * arr.ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                n = arr.shape[ax]
                big = 2 ** 62
                s = None if (st < 0 and s >= n - 1 + big // 2) else s
                e = None if (abs(e) >= big // 2) else e
                if s is not None and s >= big // 2:
                    s = None
                idx[ax] = slice(s, e, st)
            return torch.from_numpy(np.ascontiguousarray(arr[tuple(idx)]))
        if op == "ReduceMean":
            axes = a.get("axes")
            if axes is None and len(x) > 1:
                axes = x[1].tolist()
            return x[0].mean(dim=tuple(axes), keepdim=bool(a.get("keepdims", 1)))
        if op == "LogSoftmax":
            return torch.log_softmax(x[0], dim=a.get("axis", -1))
        if op == "Softmax":
            return torch.softmax(x[0], dim=a.get("axis", -1))
        if op == "Transpose":
            return x[0].permute(*a["perm"])
        if op == "Unsqueeze":
            axes = a.get("axes") or x[1].tolist()
            out = x[0]
            for ax in sorted(int(v) for v in axes):
                out = out.unsqueeze(ax)
            return out
        if op == "Squeeze":
            axes = a.get("axes") or (x[1].tolist() if len(x) > 1 else None)
            out = x[0]
            if axes is None:
                return out.squeeze()
            for ax in sorted((int(v) for v in axes), reverse=True):
                out = out.squeeze(ax)
            return out
        if op == "Reshape":
            shape = [int(v) for v in x[1].tolist()]
            shape = [x[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
            return x[0].reshape(shape)
        if op == "Concat":
            return torch.cat(x, dim=a["axis"])
        if op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]).copy() if "value" in a else np.zeros(1, np.float32)
            return torch.full([int(s) for s in x[0].tolist()], float(v.reshape(-1)[0]),
                              dtype=torch.from_numpy(v).dtype)
        if op == "Cast":
            return x[0].to(_DT[a["to"]])
        if op == "Shape":
            return torch.tensor(list(x[0].shape), dtype=torch.int64)
        if op == "Gather":
            return torch.index_select(x[0], a.get("axis", 0), x[1].reshape(-1).long()).reshape(
                list(x[0].shape[:a.get("axis", 0)]) + list(x[1].shape) + list(x[0].shape[a.get("axis", 0) + 1:]))
        if op == "Floor":
            return torch.floor(x[0])
        if op == "Identity":
            return x[0]
        if op == "DynamicQuantizeLinear":  # uint8, per tensor, the range always holding 0 (ONNX spec; ties to even)
            lo, hi = torch.clamp(x[0].min(), max=0.0), torch.clamp(x[0].max(), min=0.0)
            scale = (hi - lo) / 255.0
            scale = torch.where(scale > 0, scale, torch.ones_like(scale))
            zp = torch.clamp(torch.round(-lo / scale), 0, 255)
            q = torch.clamp(torch.round(x[0] / scale) + zp, 0, 255)
            return q.to(torch.uint8), scale.to(torch.float32), zp.to(torch.uint8)
        if op == "MatMulInteger":  # exact in float64 (int32 sums of 8-bit products fit in its 53-bit mantissa)
            A = x[0].to(torch.float64) - (x[2].to(torch.float64) if len(x) > 2 and x[2] is not None else 0)
            B = x[1].to(torch.float64) - (x[3].to(torch.float64) if len(x) > 3 and x[3] is not None else 0)
            return torch.matmul(A, B).to(torch.int32)
        raise NotImplementedError(f"ONNX operator {op}")
