"""The ``derive`` command line: a thin click layer over :mod:`derivations`."""
