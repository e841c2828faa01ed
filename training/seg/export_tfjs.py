"""Export a trained U-Net to a tfjs LayersModel (model.json + weight shards) and to ONNX.

    /usr/bin/python3 -m seg.export_tfjs --ckpt runs/main/final.pt --out ../models/segmentation

Writes model.json + group1-shard*.bin (tfjs), model.onnx, and model.pt (the PyTorch weights the
parity tests and dump_reference.py use).

Our own exporter (no `tensorflowjs` package): it walks the PyTorch module and writes the Keras
topology that tfjs-layers 4.x reads, layer by layer with the same computation:
Conv2d [out,in,kh,kw] -> Conv2D [kh,kw,in,out]; a stride-2 conv gets an explicit ZeroPadding2D
(TensorFlow's 'same' pads stride-2 convs asymmetrically, PyTorch symmetrically); ConvTranspose2d
[in,out,kh,kw] -> Conv2DTranspose [kh,kw,out,in]; BatchNorm with PyTorch's epsilon; channels are
concatenated in PyTorch's order; the head applies softmax over the last (channel) axis.
The input is NHWC with free height and width (the manifest gives the size the app uses).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import torch

from .infer import load_checkpoint
from .model import ConvBlock, UNet2d

__all__ = ["keras_topology", "export_tfjs", "export_onnx"]

SHARD_BYTES = 4 * 1024 * 1024


class _Builder:
    def __init__(self):
        self.layers: List[dict] = []
        self.weights: List[Tuple[str, np.ndarray]] = []

    def add(self, name: str, cls: str, config: dict, inputs: List[str]) -> str:
        config = dict(config, name=name, trainable=True)
        self.layers.append({"name": name, "class_name": cls, "config": config,
                            "inbound_nodes": [[[i, 0, 0, {}] for i in inputs]] if inputs else []})
        return name

    def conv(self, name, x, conv: torch.nn.Conv2d, activation="linear") -> str:
        k = conv.weight.detach().cpu().numpy().transpose(2, 3, 1, 0)
        stride = conv.stride[0]
        pad = conv.padding[0]
        if pad and stride > 1:
            x = self.add(name + "_pad", "ZeroPadding2D",
                         {"padding": [[pad, pad], [pad, pad]], "data_format": "channels_last"}, [x])
            padding = "valid"
        else:
            padding = "same" if pad else "valid"
        use_bias = conv.bias is not None
        cfg = {"filters": conv.out_channels, "kernel_size": list(conv.kernel_size), "strides": [stride, stride],
               "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1],
               "activation": activation, "use_bias": use_bias}
        self.weights.append((f"{name}/kernel", k))
        if use_bias:
            self.weights.append((f"{name}/bias", conv.bias.detach().cpu().numpy()))
        return self.add(name, "Conv2D", cfg, [x])

    def bn(self, name, x, bn: torch.nn.BatchNorm2d) -> str:
        cfg = {"axis": -1, "momentum": 0.99, "epsilon": float(bn.eps), "center": True, "scale": True}
        for tf_name, t in (("gamma", bn.weight), ("beta", bn.bias), ("moving_mean", bn.running_mean),
                           ("moving_variance", bn.running_var)):
            self.weights.append((f"{name}/{tf_name}", t.detach().cpu().numpy()))
        return self.add(name, "BatchNormalization", cfg, [x])

    def block(self, name, x, b: ConvBlock) -> str:
        x = self.conv(name + "_conv", x, b.conv)
        if b.norm is not None:
            x = self.bn(name + "_bn", x, b.norm)
        if b.leaky:
            return self.add(name + "_act", "LeakyReLU", {"alpha": 0.01}, [x])
        return self.add(name + "_act", "Activation", {"activation": "relu"}, [x])


def keras_topology(model: UNet2d) -> Tuple[dict, List[Tuple[str, np.ndarray]]]:
    """The Keras-JSON topology of `model` and its weights (tfjs names and layouts)."""
    b = _Builder()
    x = b.add("input", "InputLayer", {"batch_input_shape": [None, None, None, 1], "dtype": "float32",
                                      "sparse": False}, [])
    skips = []
    for i, stage in enumerate(model.enc):
        if i > 0 and model.conventional:
            x = b.add(f"enc{i}_pool", "MaxPooling2D", {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid",
                                                       "data_format": "channels_last"}, [x])
        for j, blk in enumerate(stage):
            x = b.block(f"enc{i}_{j}", x, blk)
        skips.append(x)
    for i, (up, dec, skip) in enumerate(zip(model.up, model.dec, reversed(skips[:-1]))):
        w = up.weight.detach().cpu().numpy().transpose(2, 3, 1, 0)
        b.weights.append((f"up{i}/kernel", w))
        b.weights.append((f"up{i}/bias", up.bias.detach().cpu().numpy()))
        u = b.add(f"up{i}", "Conv2DTranspose", {"filters": up.out_channels, "kernel_size": [2, 2], "strides": [2, 2],
                                                "padding": "valid", "data_format": "channels_last",
                                                "activation": "linear", "use_bias": True}, [x])
        x = b.add(f"cat{i}", "Concatenate", {"axis": -1}, [u, skip])
        for j, blk in enumerate(dec):
            x = b.block(f"dec{i}_{j}", x, blk)
    out = b.conv("head", x, model.head, activation="softmax")
    topo = {"class_name": "Model",
            "config": {"name": "nephroplan_seg_unet2d", "layers": b.layers, "input_layers": [["input", 0, 0]],
                       "output_layers": [[out, 0, 0]]},
            "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"}
    return topo, b.weights


def export_tfjs(model: UNet2d, out_dir: Path | str, meta: Dict = None) -> Path:
    """Write model.json and group1-shard*.bin (float32, little-endian) into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.eval()
    topo, weights = keras_topology(model)
    blob = b"".join(np.ascontiguousarray(w, dtype="<f4").tobytes() for _, w in weights)
    n = max(1, -(-len(blob) // SHARD_BYTES))
    names = [f"group1-shard{i + 1}of{n}.bin" for i in range(n)]
    for old in out_dir.glob("group1-shard*.bin"):
        old.unlink()
    for i, name in enumerate(names):
        (out_dir / name).write_bytes(blob[i * SHARD_BYTES:(i + 1) * SHARD_BYTES])
    manifest = [{"paths": names, "weights": [{"name": k, "shape": list(w.shape), "dtype": "float32"}
                                             for k, w in weights]}]
    doc = {"format": "layers-model", "generatedBy": "nephroplan training/seg/export_tfjs.py",
           "convertedBy": None, "modelTopology": topo, "weightsManifest": manifest}
    if meta:
        doc["userDefinedMetadata"] = meta
    path = out_dir / "model.json"
    path.write_text(json.dumps(doc))
    return path


class _Nhwc(torch.nn.Module):
    """NHWC in, NHWC softmax out: the same interface as the tfjs model."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x.permute(0, 3, 1, 2)), dim=1).permute(0, 2, 3, 1)


def export_onnx(model: UNet2d, path: Path | str, size: int = 256) -> Path:
    model.eval()
    x = torch.zeros(1, size, size, 1)
    torch.onnx.export(_Nhwc(model), x, str(path), input_names=["input"], output_names=["probs"], opset_version=13,
                      dynamic_axes={"input": {0: "n", 1: "h", 2: "w"}, "probs": {0: "n", 1: "h", 2: "w"}})
    return Path(path)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", default="../models/segmentation")
    ap.add_argument("--no-onnx", action="store_true")
    args = ap.parse_args(argv)
    model, cfg = load_checkpoint(args.ckpt)
    meta = {"features": cfg["features"], "arch": cfg["arch"], "trainingSteps": None}
    ck = torch.load(args.ckpt, map_location="cpu")
    meta["trainingSteps"] = int(ck.get("step", 0))
    p = export_tfjs(model, args.out, meta)
    print(f"wrote {p}")
    # The PyTorch weights ship too: the parity tests and dump_reference run them.
    pt = Path(args.out) / "model.pt"
    torch.save({"model": model.state_dict(), "config": cfg, "step": meta["trainingSteps"]}, pt)
    print(f"wrote {pt}")
    if not args.no_onnx:
        print(f"wrote {export_onnx(model, Path(args.out) / 'model.onnx')}")


if __name__ == "__main__":
    main()
