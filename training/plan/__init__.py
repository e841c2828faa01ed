"""Surgical planning model: features from a kidney/tumour mask plus clinical data, a small
multi-task network (procedure, approach, operative time), its cross-validation and export."""
