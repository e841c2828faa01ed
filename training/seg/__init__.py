"""Kidney and tumour segmentation: data loaders, tumour synthesis, 2D U-Net, training, export."""
