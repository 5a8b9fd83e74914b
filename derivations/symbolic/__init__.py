"""The mathematics the other packages share: functions SymPy lacks, conditions, shapes,
regions, printing."""
