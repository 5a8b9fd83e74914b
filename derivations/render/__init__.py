"""Rendering: views of the values shown, the Jinja environment, plots and PDF."""
