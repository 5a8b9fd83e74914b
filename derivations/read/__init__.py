"""Reading user input: typed expressions, LaTeX math, notes and formula files."""
