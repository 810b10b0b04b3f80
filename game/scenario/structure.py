"""Plain YAML values -> frozen model objects, with cattrs and strict, explaining hooks.

cattrs does the walking and collects every error with the path where it happened
(``turns[2].decisions[0].time_limit``); our hooks refuse the lenient conversions Python would
make (``"false"`` is not ``True``, ``3.9`` is not ``3``, a string is not a list) and raise
:class:`FieldError` with words an instructor understands.  :func:`structure_scenario` turns the
collected exceptions into diagnostics positioned through the :class:`SourceMap`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from game.i18n import _
from game.scenario import model
from game.scenario.conditions import Condition, ConditionError
from game.scenario.diagnostics import Diagnostic, did_you_mean
from game.scenario.yamlsource import Path, SourceMap, WrittenFloat, WrittenInt, written

#: Attribute names that differ from the YAML key.
RENAMED = {"from_": "from", "set_": "set"}
#: Attributes the loader fills in; never read from the file.
NOT_IN_FILE = {"path", "content_hash", "untranslated", "labels"}
#: Model fields written in the file as ``id: {...}`` mappings.
KEYED = {model.Role, model.Metric, model.Stakeholder, model.Channel}


class FieldError(Exception):
    """A value of the wrong shape, explained."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def describe(value: object) -> str:
    """How a YAML value looks to an author, for "expected X, found Y" messages."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("{value} (true/false)").format(value="true" if value else "false")
    if isinstance(value, int):
        return _("the whole number {n}").format(n=written(value))
    if isinstance(value, float):
        return _("the number {n}").format(n=getattr(value, "text", None) or format(value, "g"))
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _('the text "{text}"').format(text=shown)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping (key: value)")
    return type(value).__name__


def yaml_keys(cls: type) -> list[str]:
    return [
        RENAMED.get(a.name, a.name)
        for a in attrs.fields(cls)
        if a.name not in NOT_IN_FILE and not (cls in KEYED and a.name == "id")
    ]


def _str(value: Any, _tp: type) -> str:
    if type(value) is str:
        return value
    if type(value) in (int, WrittenInt):  # an id written as digits ("id: 007") is text as written
        return written(value)
    raise FieldError(
        "S012",
        _("expected text, found {found}").format(found=describe(value)),
        _("put it in quotes if it is meant as text") if isinstance(value, int | float) else "",
    )


def _text(value: Any, _tp: type) -> model.Text:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return model.Text(written(value) if isinstance(value, int | float) else value)
    raise FieldError("S012", _("expected text, found {found}").format(found=describe(value)))


def _int(value: Any, _tp: type) -> int:
    if type(value) in (int, WrittenInt):
        return int(value)
    hint = _("use a whole number") if isinstance(value, float) else ""
    raise FieldError(
        "S012", _("expected a whole number, found {found}").format(found=describe(value)), hint
    )


def _float(value: Any, _tp: type) -> float:
    if type(value) in (float, WrittenFloat):
        return float(value)
    if type(value) in (int, WrittenInt):
        if abs(value) > 1e300:  # later arithmetic mixes it with floats: it must fit one
            raise FieldError("S029", _("the number {n}... is too large").format(n=str(value)[:12]))
        return int(value)
    raise FieldError("S012", _("expected a number, found {found}").format(found=describe(value)))


def _bool(value: Any, _tp: type) -> bool:
    if type(value) is bool:
        return value
    raise FieldError(
        "S012", _("expected true or false, found {found}").format(found=describe(value))
    )


def _condition(value: Any, _tp: type) -> Condition:
    if type(value) is bool:
        value = "true" if value else "false"
    if type(value) is not str:
        raise FieldError(
            "S012",
            _("expected a condition in text, found {found}").format(found=describe(value)),
            _("e.g. {example}").format(example='"containment >= 50 and not flags.ransom_paid"'),
        )
    return Condition.parse(value)


def _literal(tp: Any) -> Callable[[Any, type], Any]:
    choices = get_args(tp)

    def hook(value: Any, _tp: type) -> Any:
        if isinstance(value, str) and value in choices:
            return value
        words = ", ".join(choices)
        if isinstance(value, str):
            hint = did_you_mean(value, choices)
            raise FieldError(
                "S013", _('"{value}" is not one of: {words}').format(value=value, words=words), hint
            )
        raise FieldError(
            "S013",
            _("expected one of: {words}; found {found}").format(words=words, found=describe(value)),
        )

    return hook


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _is_dict(tp: Any) -> bool:
    return get_origin(tp) is dict


def _noted(exc: Exception, key: str | int, tp: Any) -> Exception:
    exc.add_note(IterableValidationNote(f"Structuring @ {key!r}", key, tp))
    return exc


def make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(model.Text, _text)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(Condition, _condition)
    conv.register_structure_hook_factory(lambda t: get_origin(t) is Literal, _literal)

    def tuple_factory(tp: Any) -> Callable[[Any, type], tuple]:
        (item_tp, _ellipsis) = get_args(tp)
        if item_tp in KEYED:
            return _keyed(conv, item_tp)
        item = conv.get_structure_hook(item_tp)

        def hook(value: Any, _tp: type) -> tuple:
            if value is None:
                return ()
            if not isinstance(value, list):
                raise FieldError(
                    "S012",
                    _("expected a list, found {found}").format(found=describe(value)),
                    _("write [a, b] or one '- item' per line"),
                )
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(item(v, item_tp))
                except Exception as exc:
                    errors.append(_noted(exc, i, item_tp))
            if errors:
                raise IterableValidationError("invalid list", errors, tp)
            return tuple(out)

        return hook

    def dict_factory(tp: Any) -> Callable[[Any, type], dict]:
        _key_tp, val_tp = get_args(tp)
        val = conv.get_structure_hook(val_tp)

        def hook(value: Any, _tp: type) -> dict:
            if value is None:
                return {}
            if not isinstance(value, dict):
                raise FieldError(
                    "S012",
                    _("expected a mapping (key: value), found {found}").format(
                        found=describe(value)
                    ),
                )
            out, errors = {}, []
            for k, v in value.items():
                try:
                    out[k] = val(v, val_tp)
                except Exception as exc:
                    errors.append(_noted(exc, k, val_tp))
            if errors:
                raise IterableValidationError("invalid mapping", errors, tp)
            return out

        return hook

    def class_factory(cls: type) -> Callable[[Any, type], Any]:
        overrides = {
            name: override(rename=key)
            for name, key in RENAMED.items()
            if name in attrs.fields_dict(cls)
        }
        overrides.update(
            {n: override(omit=True) for n in NOT_IN_FILE if n in attrs.fields_dict(cls)}
        )
        inner = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **overrides
        )

        def hook(value: Any, _tp: type) -> Any:
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise FieldError(
                    "S012",
                    _("expected a mapping (key: value), found {found}").format(
                        found=describe(value)
                    ),
                )
            return inner(value, cls)

        return hook

    conv.register_structure_hook_factory(_is_tuple, tuple_factory)
    conv.register_structure_hook_factory(_is_dict, dict_factory)
    conv.register_structure_hook_factory(attrs.has, class_factory)
    return conv


def _keyed(conv: cattrs.Converter, cls: type) -> Callable[[Any, type], tuple]:
    """``id: {fields}`` mappings become tuples of objects carrying their id."""

    def hook(value: Any, tp: type) -> tuple:
        if value is None:
            return ()
        if not isinstance(value, dict):
            raise FieldError(
                "S012",
                _("expected a mapping of id: {{...}}, found {found}").format(found=describe(value)),
                _("write one 'id: {{...}}' entry per line").format(),
            )
        inner = conv.get_structure_hook(cls)
        out, errors = [], []
        for k, v in value.items():
            try:
                if v is None:
                    v = {}
                if not isinstance(v, dict):
                    raise FieldError(
                        "S012",
                        _("expected a mapping (key: value), found {found}").format(
                            found=describe(v)
                        ),
                    )
                if "id" in v:
                    raise ForbiddenExtraKeysError("", cls, {"id"})
                out.append(inner({**v, "id": k}, cls))
            except Exception as exc:
                errors.append(_noted(exc, k, cls))
        if errors:
            raise IterableValidationError("invalid entries", errors, tp)
        return tuple(out)

    return hook


_CONVERTER = make_converter()


def _leaves(exc: BaseException, path: Path) -> Iterator[tuple[Path, BaseException]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = note.name if hasattr(note, "name") else note.index
            yield from _leaves(sub, (*path, RENAMED.get(step, step)))
        for sub in without:
            yield from _leaves(sub, path)
    elif isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            yield from _leaves(sub, path)
    else:
        yield path, exc


def structure_scenario(
    raw: dict[str, Any], file: str, source: SourceMap
) -> tuple[model.Scenario | None, list[Diagnostic]]:
    """Build the model, or explain every value that does not fit it."""
    try:
        return _CONVERTER.structure(raw, model.Scenario), []
    except (ClassValidationError, IterableValidationError) as group:
        return None, [_diagnostic(p, e, file, source) for p, e in _leaves(group, ())]


def _diagnostic(path: Path, exc: BaseException, file: str, source: SourceMap) -> Diagnostic:
    if isinstance(exc, FieldError):
        line, col = source.value_at(path)
        return Diagnostic(
            file,
            line,
            col,
            "error",
            exc.code,
            _("{where}: {message}").format(where=_where(path), message=exc.message),
            exc.hint,
        )
    if isinstance(exc, ConditionError):
        line, col = source.text_column(path, exc.offset)
        return Diagnostic(
            file,
            line,
            col,
            "error",
            "S021",
            _("{where}: {message}").format(where=_where(path), message=exc.message),
            exc.hint,
        )
    if isinstance(exc, KeyError):
        key = path[-1]
        line, col = source.value_at(path[:-1])
        return Diagnostic(
            file,
            line,
            col,
            "error",
            "S010",
            _('{where}: required key "{key}" is missing').format(
                where=_where(path[:-1]) or _("top level"), key=key
            ),
        )
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = yaml_keys(exc.cl)
        extra = sorted(exc.extra_fields)[0]
        line, col = source.key_at((*path, extra))
        return Diagnostic(
            file,
            line,
            col,
            "error",
            "S011",
            _('{where}: unknown key "{key}"').format(
                where=_where(path) or _("top level"), key=extra
            ),
            did_you_mean(extra, allowed, list_all=30),
        )
    line, col = source.value_at(path)
    return Diagnostic(
        file,
        line,
        col,
        "error",
        "S012",
        _("{where}: invalid value ({error})").format(where=_where(path), error=exc),
    )


def _where(path: Path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out
