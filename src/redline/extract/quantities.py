"""Quantities (placeholder until the time-and-place issue lands)."""
def extract_quantities(doc, quotes, index):
    return []
