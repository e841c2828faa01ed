"""The tfjs exporter reproduces a small trained network in Node (tfjs WASM); ONNX export is valid."""
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from seg.export_tfjs import export_onnx, export_tfjs, keras_topology
from seg.losses import dice_ce_loss
from seg.model import UNet2d, count_parameters

RUNNER = Path(__file__).resolve().parents[1] / "seg" / "run_tfjs.mjs"
REPO = Path(__file__).resolve().parents[2]


def _disks(rng, n, size=32):
    """Images with a bright disk (label 1) holding a darker spot (label 2), plus noise."""
    x = np.zeros((n, size, size), np.float32)
    y = np.zeros((n, size, size), np.int64)
    rr, cc = np.mgrid[0:size, 0:size]
    for i in range(n):
        r0, c0, rad = rng.uniform(10, 22), rng.uniform(10, 22), rng.uniform(5, 9)
        d = (rr - r0) ** 2 + (cc - c0) ** 2
        y[i][d < rad ** 2] = 1
        y[i][d < (rad / 2) ** 2] = 2
        x[i] = 0.2 + 0.5 * (y[i] == 1) + 0.25 * (y[i] == 2) + rng.normal(0, 0.05, (size, size))
    return x, y


def _trained(conventional: bool):
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    model = UNet2d((4, 8, 16), conventional=conventional)
    opt = torch.optim.Adam(model.parameters(), 1e-2)
    for _ in range(150):
        x, y = _disks(rng, 8)
        loss = dice_ce_loss(model(torch.from_numpy(x)[:, None]), torch.from_numpy(y))
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return model, loss.item()


def _node_available():
    return shutil.which("node") is not None and (REPO / "node_modules" / "@tensorflow" / "tfjs").exists()


@pytest.mark.skipif(not _node_available(), reason="node or the tfjs npm packages are not installed")
@pytest.mark.parametrize("conventional", [False, True])
def test_tfjs_export_matches_pytorch(tmp_path, conventional):
    torch.set_num_threads(1)
    model, loss = _trained(conventional)
    assert loss < 0.5                                   # it learned something: a real parity check
    export_tfjs(model, tmp_path)
    x, _ = _disks(np.random.default_rng(1), 3, size=48)
    x.astype("<f4").tofile(tmp_path / "in.f32")
    run = subprocess.run(["node", str(RUNNER), str(tmp_path / "model.json"), str(tmp_path / "in.f32"), "3", "48",
                          "48", str(tmp_path / "out.f32")], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    assert '"backend":"wasm"' in run.stdout
    got = np.fromfile(tmp_path / "out.f32", np.float32).reshape(3, 48, 48, 3)
    with torch.no_grad():
        ref = torch.softmax(model(torch.from_numpy(x)[:, None]), 1).permute(0, 2, 3, 1).numpy()
    assert np.abs(got - ref).max() < 1e-4
    assert np.mean(got.argmax(-1) == ref.argmax(-1)) >= 0.999
    assert len(np.unique(ref.argmax(-1))) == 3


def test_topology_names_layouts_and_shards(tmp_path):
    model, _ = _trained(False)
    topo, weights = keras_topology(model)
    names = [l["name"] for l in topo["config"]["layers"]]
    assert len(names) == len(set(names))
    w = dict(weights)
    assert w["enc0_0_conv/kernel"].shape == (3, 3, 1, 4)
    np.testing.assert_array_equal(w["enc0_0_conv/kernel"][:, :, 0, 2], model.enc[0][0].conv.weight[2, 0].detach().numpy())
    assert w["up0/kernel"].shape == (2, 2, 8, 16)        # [kh, kw, out, in]
    pads = [l for l in topo["config"]["layers"] if l["class_name"] == "ZeroPadding2D"]
    assert len(pads) == 2                                 # one per stride-2 convolution
    path = export_tfjs(model, tmp_path)
    doc = __import__("json").loads(path.read_text())
    total = sum(int(np.prod(s["shape"])) for s in doc["weightsManifest"][0]["weights"])
    size = sum((tmp_path / p).stat().st_size for p in doc["weightsManifest"][0]["paths"])
    assert size == 4 * total == 4 * (count_parameters(model) + 2 * sum(m.num_features for m in model.modules()
                                                                        if isinstance(m, torch.nn.BatchNorm2d)))


def test_onnx_export_is_valid(tmp_path):
    onnx = pytest.importorskip("onnx")
    model, _ = _trained(False)
    path = export_onnx(model, tmp_path / "m.onnx", size=32)
    onnx.checker.check_model(onnx.load(str(path)))
