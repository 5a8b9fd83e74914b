"""The cross-check against PyTorch: counterpart tables and the comparison."""
