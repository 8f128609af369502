"""Every ``redline`` command and sub-command prints its ``--help`` (argparse formats help
texts with %, so a stray percent sign crashes the help of that one command only)."""
import argparse

from redline.cli import build_parser


def _parsers(parser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, path + (name,))


def test_every_command_help_formats():
    seen = []
    for path, parser in _parsers(build_parser()):
        text = parser.format_help()
        assert "usage:" in text, path
        seen.append(" ".join(path))
    # the walk reached the nested commands, e.g. the PLV evaluation
    assert "eval events" in seen and "eval articles" in seen
