"""Equipment (placeholder until the time-and-place issue lands)."""
def extract_equipment(doc):
    return []
def link_equipment(equipment, events):
    return None
