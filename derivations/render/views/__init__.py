"""What the templates print: one module per thing shown, each turning values into plain data.

Every view is a function from library values (reports, formulas, derivations) to strings,
numbers, booleans and lists or dicts of them; the templates only loop and print.
"""
