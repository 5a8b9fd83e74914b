"""Derivations: the ordered steps a teacher writes, each justified by a rule."""
