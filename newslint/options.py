"""Turn YAML option values into a check type's frozen Options dataclass, strictly.

The dataclass fields *are* the option schema: names, types and defaults. Unknown
keys and wrong types are errors that name the key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, Union

from .yamlfile import did_you_mean, to_plain


class OptionError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if hint is str:
        return "a string"
    if hint is bool:
        return "true or false"
    if hint is int:
        return "an integer"
    if hint is float:
        return "a number"
    if origin in (tuple, list):
        return "a list"
    if origin in (dict, Mapping, typing.Mapping) or hint is dict:
        return "a mapping"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(hint) if a is not type(None))
    return "a value"


def coerce(value: Any, hint: Any, key: str) -> Any:
    """``value`` converted to ``hint`` (lists become tuples), or OptionError."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return to_plain(value)
    if origin in (Union, types.UnionType):
        args = typing.get_args(hint)
        if value is None and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return coerce(value, arg, key)
            except OptionError:
                continue
        raise OptionError(key, f"'{key}' must be {_type_name(hint)}, not {_describe(value)}")
    if origin is Literal:
        if value in typing.get_args(hint):
            return value
        raise OptionError(key, f"'{key}' must be {_type_name(hint)}, not {value!r}")
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return str(value)
    elif origin in (tuple, list):
        if isinstance(value, list):
            args = typing.get_args(hint)
            item = args[0] if args else Any
            if item is str and all(type(v) is str for v in value):  # fast path: a 100,000-word list
                return tuple(value)
            return tuple(coerce(v, item, f"{key}[{i}]") for i, v in enumerate(value))
    elif origin in (dict, Mapping, typing.Mapping) or hint is dict:
        if isinstance(value, dict):
            args = typing.get_args(hint) or (str, Any)
            return {
                coerce(k, args[0], key): coerce(v, args[1], f"{key}.{k}") for k, v in value.items()
            }
    else:
        return to_plain(value)
    raise OptionError(key, f"'{key}' must be {_type_name(hint)}, not {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return repr(to_plain(value))


def build_options(options_cls: type, values: Mapping[str, Any]) -> Any:
    """Instantiate ``options_cls`` from YAML values; OptionError names the bad key."""
    hints = typing.get_type_hints(options_cls)
    fields = {f.name: f for f in dataclasses.fields(options_cls) if f.init}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise OptionError(key, f"unknown key '{key}'{did_you_mean(key, fields)}")
        kwargs[key] = coerce(value, hints[key], key)
    missing = [
        name
        for name, f in fields.items()
        if name not in kwargs
        and f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise OptionError(missing[0], f"missing required key '{missing[0]}'")
    try:
        options = options_cls(**kwargs)
        problems = getattr(options, "problems", None)
        found = list(problems()) if problems is not None else []
    except (TypeError, ValueError) as exc:
        raise OptionError("", str(exc)) from None
    except RecursionError:  # a check compiling a pattern nested thousands deep
        raise OptionError("", "an option is nested too deeply to compile") from None
    for key, message in found:
        raise OptionError(key, message)
    return options


def option_keys(options_cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(options_cls) if f.init]
