"""Running claims under budgets, caching their verdicts and reporting them."""
