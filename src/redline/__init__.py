__version__ = '0.1.0'


def analyse_text(text: str, id: str = "text", published: str | None = None, title: str | None = None,
                 actors=None):
    """Analyse one text; returns a :class:`redline.model.Article` (``error`` set on failure).

    ``actors``: paths of user actor files (docs/actors.md) to load on top of the packaged
    tables and ``$REDLINE_ACTORS``; they stay loaded for the rest of the process."""
    from .model import Article
    from .pipeline import analyse
    if actors:
        from .knowledge import use_actor_files
        use_actor_files([actors] if isinstance(actors, (str, bytes)) or hasattr(actors, "__fspath__") else actors)
    return analyse(Article(id=id, text=text, published=published, title=title))


def extract(paths, published: str | None = None, workers: int = 1):
    """Analyse files, directories or JSONL as ``redline extract`` does; yields Articles in order."""
    from .batch import run
    from .ingest import read_inputs
    yield from run(read_inputs(paths, published=published), workers=workers)


def output_schema() -> dict:
    """The JSON Schema that every ``redline extract`` record validates against."""
    import json
    from importlib import resources
    return json.loads(resources.files("redline").joinpath("schema", "article.schema.json").read_text())
