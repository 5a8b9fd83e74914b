"""Where derive meets other tools: pytest, GitHub, Jupyter and PyTorch."""
