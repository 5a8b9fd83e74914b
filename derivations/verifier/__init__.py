"""The decision procedure: a claim is proved, refuted with a real counterexample, or unknown."""
