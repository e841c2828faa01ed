"""The network's size budget and the consistency of the shipped model files."""
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from seg.export_tfjs import keras_topology
from seg.infer import load_checkpoint
from seg.manifest import MANIFEST_PATH
from seg.model import UNet2d, count_parameters

MODEL_DIR = MANIFEST_PATH.parent


def test_default_network_fits_the_browser_budget():
    for features in ((16, 32, 64, 128, 256), (12, 24, 48, 96, 192)):
        model = UNet2d(features)
        assert count_parameters(model) <= 8_000_000
        assert model(torch.zeros(1, 1, 64, 64)).shape == (1, 3, 64, 64)


@pytest.mark.skipif(not (MODEL_DIR / "model.pt").exists(), reason="no shipped model yet")
def test_shipped_tfjs_weights_are_the_export_of_the_shipped_pytorch_weights():
    model, cfg = load_checkpoint(MODEL_DIR / "model.pt")
    assert count_parameters(model) <= 8_000_000
    doc = json.loads((MODEL_DIR / "model.json").read_text())
    group = doc["weightsManifest"][0]
    blob = b"".join((MODEL_DIR / p).read_bytes() for p in group["paths"])
    assert len(blob) <= 20 * 1024 * 1024
    topo, weights = keras_topology(model)
    assert doc["modelTopology"] == json.loads(json.dumps(topo))
    offset = 0
    for spec, (name, w) in zip(group["weights"], weights):
        assert spec["name"] == name and spec["shape"] == list(w.shape)
        n = int(np.prod(w.shape)) * 4
        np.testing.assert_array_equal(np.frombuffer(blob[offset:offset + n], "<f4").reshape(w.shape), w)
        offset += n
    assert offset == len(blob)
    assert (MODEL_DIR / "model.onnx").exists()
    manifest = json.loads(MANIFEST_PATH.read_text())
    assert manifest["modelFile"] == "model.json" and manifest["onnxFile"] == "model.onnx"
