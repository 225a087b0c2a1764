"""Runs the Schemathesis CLI (`st`) with ast.parse serialised across threads.

CPython 3.11.7 (this machine's .tools/venv) keeps the AST converter's recursion depth in state shared by all
threads; two Schemathesis workers that describe Hypothesis lambdas at the same moment (ast.parse) fail with
"SystemError: AST constructor recursion depth mismatch". A lock around ast.parse removes the race and nothing else.
"""
import ast
import sys
import threading

from schemathesis.cli import schemathesis

_lock = threading.Lock()
_parse = ast.parse


def _serial_parse(*args, **kwargs):
    with _lock:
        return _parse(*args, **kwargs)


ast.parse = _serial_parse

if __name__ == "__main__":
    sys.argv[0] = "st"
    sys.exit(schemathesis())
