"""The type stubs describe the native module as built: the same public names, the same
parameters for every function and method."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import declutter
from declutter import _declutter

STUBS = Path(declutter.__file__).with_name("_declutter.pyi")


def stub_tree():
    return ast.parse(STUBS.read_text())


def test_the_stubs_ship_with_the_package():
    assert STUBS.is_file()
    assert STUBS.with_name("py.typed").is_file()


def test_the_stubs_name_what_the_module_has():
    names = {n.name for n in stub_tree().body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    public = {n for n in dir(_declutter) if not n.startswith("_")}
    assert names == public
    assert set(declutter.__all__) == public


def stub_params(fn: ast.FunctionDef):
    a = fn.args
    return [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs if p.arg != "self"]


def test_the_parameters_match():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            sig = inspect.signature(getattr(_declutter, node.name))
            assert stub_params(node) == list(sig.parameters), node.name
        elif isinstance(node, ast.ClassDef):
            cls = getattr(_declutter, node.name)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__"):
                    member = getattr(cls, item.name)
                    if isinstance(member, property) or not callable(member):
                        continue
                    sig = inspect.signature(member)
                    assert stub_params(item) == [p for p in sig.parameters if p != "self"], \
                        f"{node.name}.{item.name}"
