"""Time each extractor separately on parsed PolNeAR dev texts (parse excluded).

Usage: .venv/bin/python bench/extractor_profile.py
"""
import time, glob, collections
from redline.parse import load_nlp
from redline.model import Article
from redline.extract import actors, quotes, dates, places, equipment, quantities, events, resolution
nlp = load_nlp()
import pathlib
SHARED = pathlib.Path(__file__).resolve().parents[1].parent / 'shared'
texts = [open(f).read() for f in sorted(glob.glob(str(SHARED / 'data/polnear/dev/text/*.txt')))]
docs = list(nlp.pipe(texts))
# warm
T = collections.Counter()
for rep in range(2):
    T.clear()
    for doc in docs:
        t=time.perf_counter(); ents = actors.extract_entities(doc); T['actors']+=time.perf_counter()-t
        t=time.perf_counter(); ps = places.extract_places(doc, ents); T['places']+=time.perf_counter()-t
        idx = actors.EntityIndex(ents, doc)
        t=time.perf_counter(); resolution.resolve_entities(doc, ents, ps, '2016-10-01', idx); T['resolution']+=time.perf_counter()-t
        t=time.perf_counter(); qs, terms = quotes.extract_quotes(doc, ents, idx); T['quotes']+=time.perf_counter()-t
        t=time.perf_counter(); ds = dates.extract_dates(doc, '2016-10-01'); T['dates']+=time.perf_counter()-t
        t=time.perf_counter(); eq = equipment.extract_equipment(doc); T['equipment']+=time.perf_counter()-t
        t=time.perf_counter(); qu = quantities.extract_quantities(doc, qs, idx, dates=ds, published='2016-10-01'); T['quantities']+=time.perf_counter()-t
        t=time.perf_counter(); ev = events.extract_events(doc, entities=ents, index=idx, quotes=qs, dates=ds, places=ps, published='2016-10-01'); T['events']+=time.perf_counter()-t
        t=time.perf_counter(); equipment.link_equipment(eq, ev); T['link']+=time.perf_counter()-t
print({k: round(v,2) for k,v in T.items()}, round(sum(T.values()),2))
