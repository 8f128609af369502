"""Places (placeholder until the time-and-place issue lands)."""
def extract_places(doc, entities):
    return []
