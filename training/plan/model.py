"""The planning network: a small CNN on the largest-slice crop and an MLP on the clinical and
geometry features, concatenated into a shared MLP with dropout and three heads (procedure logit,
approach logit, standardised operative time). ``export.py`` rebuilds it layer by layer in tfjs, so
the layer names here are part of the export format.
"""
from __future__ import annotations

import torch
from torch import nn

__all__ = ["PlanNet"]


class PlanNet(nn.Module):
    """Multi-task planning network.

    Args:
        in_channels: crop channels (2: kidney, tumour; 3 with CT); 0 disables the image branch.
        n_tabular: clinical + geometry inputs; 0 disables the tabular branch.
        width: channels of the first convolution (doubled twice).
        dropout: dropout rate of the shared layer.

    Input: ``image`` [N, H, W, C] (NHWC, as the crop is stored and tfjs uses), ``tabular`` [N, F].
    Output: [N, 3] = (procedure logit (radical), approach logit (retroperitoneal), time z-score).
    """

    def __init__(self, in_channels: int = 2, n_tabular: int = 11, width: int = 8,
                 tab_width: int = 16, shared_width: int = 32, dropout: float = 0.3):
        super().__init__()
        self.in_channels = in_channels
        self.n_tabular = n_tabular
        fused = 0
        if in_channels:
            w = width
            self.conv1 = nn.Conv2d(in_channels, w, 3, padding=1)
            self.conv2 = nn.Conv2d(w, 2 * w, 3, padding=1)
            self.conv3 = nn.Conv2d(2 * w, 4 * w, 3, padding=1)
            fused += 4 * w
        if n_tabular:
            self.tab = nn.Linear(n_tabular, tab_width)
            fused += tab_width
        self.shared = nn.Linear(fused, shared_width)
        self.drop = nn.Dropout(dropout)
        self.procedure = nn.Linear(shared_width, 1)
        self.approach = nn.Linear(shared_width, 1)
        self.time = nn.Linear(shared_width, 1)

    def forward(self, image: torch.Tensor, tabular: torch.Tensor) -> torch.Tensor:
        parts = []
        if self.in_channels:
            x = image.permute(0, 3, 1, 2)
            for conv in (self.conv1, self.conv2, self.conv3):
                x = nn.functional.max_pool2d(torch.relu(conv(x)), 2)
            parts.append(x.mean(dim=(2, 3)))
        if self.n_tabular:
            parts.append(torch.relu(self.tab(tabular)))
        h = self.drop(torch.relu(self.shared(torch.cat(parts, dim=1))))
        return torch.cat([self.procedure(h), self.approach(h), self.time(h)], dim=1)
