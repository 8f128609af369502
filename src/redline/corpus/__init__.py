"""Corpus-level work: reading sources (files, feeds, WARC), fetching URLs safely,
near-duplicate detection, and the batch pipeline that fills the store."""
