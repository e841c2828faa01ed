"""nnU-Net-style 2D U-Net, small enough for the browser.

Each stage: two conv3x3 -> BatchNorm -> LeakyReLU(0.01) blocks; downsampling by a stride-2
convolution (the first conv of a stage), upsampling by a 2x2 transposed convolution, skip
connections by concatenation [upsampled, skip]. BatchNorm rather than nnU-Net's InstanceNorm
because tfjs has a BatchNormalization layer and no InstanceNorm. The `conventional` variant is
the classic U-Net for comparison: max-pool downsampling, no normalisation, ReLU.
Works with: train, export_tfjs (which walks `layer_specs`), evaluate.
"""
from __future__ import annotations

from typing import List, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ["UNet2d", "count_parameters"]


class ConvBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int = 1, norm: bool = True, leaky: bool = True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=not norm)
        self.norm = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1) if norm else None
        self.leaky = leaky

    def forward(self, x):
        x = self.conv(x)
        if self.norm is not None:
            x = self.norm(x)
        return F.leaky_relu(x, 0.01) if self.leaky else F.relu(x)


class UNet2d(nn.Module):
    """U-Net; input N x 1 x H x W (H, W divisible by 2**(len(features)-1)), output logits."""

    def __init__(self, features: Sequence[int] = (16, 32, 64, 128, 256), n_classes: int = 3,
                 conventional: bool = False):
        super().__init__()
        self.features = list(features)
        self.n_classes = n_classes
        self.conventional = conventional
        norm, leaky = not conventional, not conventional
        self.enc = nn.ModuleList()
        cin = 1
        for i, f in enumerate(self.features):
            stride = 2 if (i > 0 and not conventional) else 1
            self.enc.append(nn.Sequential(ConvBlock(cin, f, stride, norm, leaky), ConvBlock(f, f, 1, norm, leaky)))
            cin = f
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for f in reversed(self.features[:-1]):
            self.up.append(nn.ConvTranspose2d(cin, f, 2, stride=2))
            self.dec.append(nn.Sequential(ConvBlock(2 * f, f, 1, norm, leaky), ConvBlock(f, f, 1, norm, leaky)))
            cin = f
        self.head = nn.Conv2d(cin, n_classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips: List[torch.Tensor] = []
        for i, stage in enumerate(self.enc):
            if i > 0 and self.conventional:
                x = F.max_pool2d(x, 2)
            x = stage(x)
            skips.append(x)
        for up, dec, skip in zip(self.up, self.dec, reversed(skips[:-1])):
            x = dec(torch.cat([up(x), skip], dim=1))
        return self.head(x)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
