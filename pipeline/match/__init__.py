"""Requirements × CV evidence → verdicts."""
