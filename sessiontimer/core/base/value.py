"""``@value``: a frozen dataclass whose methods are shared, not compiled for each class.

``@dataclass(frozen=True)`` writes the source of six methods for every class (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) and compiles each with
``exec`` when the module is imported: about 0.45 ms and 10 KiB a class on Python 3.11. The core
defines some 30 of them on the way to the first screen of ``sessiontimer run``, a tenth of its
start-up. ``@value`` lets ``dataclasses`` record the fields (so ``dataclasses.fields``,
``replace`` and ``asdict`` work as before) but generate nothing, and gives the class methods
written once, here, that read the fields: defining a class costs about 25 µs.

The behaviour is a frozen dataclass's: positional or keyword arguments with defaults and
``field(default_factory=...)``, ``__post_init__``, ``==`` and ``hash`` on the compared fields of the
same class, the same ``repr``, ``__match_args__``, ``FrozenInstanceError`` on assignment, and with
``order=True`` the comparisons. Making an instance costs a few microseconds more than with the
generated ``__init__``, which is why the records read from the history by the thousand stay
ordinary dataclasses. Type checkers see a frozen dataclass (``dataclass_transform``).

Not done (use ``@dataclass``): ``field(init=False)``, ``InitVar``, keyword-only fields and a
field's own ``hash`` are refused. A subclass is made with ``@value`` too (or left undecorated when
it adds no fields), not with ``@dataclass``; no attribute can be set on an instance, not even one
that is not a field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_MISSING: Any = dataclasses.MISSING


class _Spec:
    """What the shared methods need to know of one class, worked out once."""

    __slots__ = ("compared", "defaults", "factories", "names", "shown")

    def __init__(self, cls: type) -> None:
        # every field is an argument of __init__ (_refuse_what_it_cannot_do)
        fields = dataclasses.fields(cls)
        self.names = tuple(f.name for f in fields)
        self.defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
        self.factories: dict[str, Callable[[], object]] = {
            f.name: f.default_factory  # type: ignore[misc]
            for f in fields
            if f.default_factory is not _MISSING
        }
        self.compared = tuple(f.name for f in fields if f.compare)
        self.shown = tuple(f.name for f in fields if f.repr)


def _spec(obj: object) -> _Spec:
    # (a subclass that adds no fields need not be decorated: it has its base's)
    spec: _Spec = getattr(type(obj), "__value_spec__")  # noqa: B009
    return spec


def _init(self: object, *args: object, **kwargs: object) -> None:
    spec = _spec(self)
    names = spec.names
    name_of = type(self).__qualname__
    if len(args) > len(names):
        raise TypeError(
            f"{name_of}.__init__() takes {len(names) + 1} positional arguments "
            f"but {len(args) + 1} were given"
        )
    values = dict(zip(names, args, strict=False))
    for name, given in kwargs.items():
        if name not in names:
            raise TypeError(f"{name_of}.__init__() got an unexpected keyword argument {name!r}")
        if name in values:
            raise TypeError(f"{name_of}.__init__() got multiple values for argument {name!r}")
        values[name] = given
    missing = []
    for name in names:
        if name in values:
            continue
        if name in spec.defaults:
            values[name] = spec.defaults[name]
        elif name in spec.factories:
            values[name] = spec.factories[name]()
        else:
            missing.append(name)
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        raise TypeError(f"{name_of}.__init__() missing required arguments: {listed}")
    for name in names:
        object.__setattr__(self, name, values[name])
    post_init = getattr(type(self), "__post_init__", None)
    if post_init is not None:
        post_init(self)


def _compared(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, name) for name in _spec(obj).compared)


def _eq(self: object, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return _compared(self) == _compared(other)


def _hash(self: object) -> int:
    return hash(_compared(self))


def _repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _spec(self).shown)
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: object, name: str, _value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: object, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _order(compare: Callable[[tuple[object, ...], tuple[object, ...]], bool]) -> Any:
    def method(self: object, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented  # type: ignore[no-any-return]
        return compare(_compared(self), _compared(other))

    return method


_ORDER = {
    "__lt__": _order(lambda a, b: a < b),
    "__le__": _order(lambda a, b: a <= b),
    "__gt__": _order(lambda a, b: a > b),
    "__ge__": _order(lambda a, b: a >= b),
}


def _is_initvar(annotation: object) -> bool:
    """Is this a field's annotation ``InitVar[...]`` (an object, or a string under
    ``from __future__ import annotations``: ``"InitVar[int]"``, ``"dataclasses.InitVar[int]"``)?"""
    if isinstance(annotation, str):
        head = annotation.split("[", 1)[0].strip()
        return head.rsplit(".", 1)[-1].strip() == "InitVar"
    return annotation is dataclasses.InitVar or isinstance(annotation, dataclasses.InitVar)


def _refuse_what_it_cannot_do(cls: type) -> None:
    """The shared methods do what most dataclasses need: a field that is not an argument of
    ``__init__``, an ``InitVar``, keyword-only fields and a field's own ``hash`` are left to
    ``@dataclass`` rather than done wrongly in silence."""
    fields = dataclasses.fields(cls)
    all_fields: dict[str, dataclasses.Field[Any]] = cls.__dataclass_fields__  # type: ignore[attr-defined]
    if len(all_fields) > len(fields):  # pseudo-fields, which fields() leaves out: ClassVar, InitVar
        named = {f.name for f in fields}
        for name, f in all_fields.items():
            if name not in named and _is_initvar(f.type):
                raise TypeError(f"@value does not take InitVar fields ({cls.__qualname__}.{name})")
    for f in fields:
        if not f.init or f.kw_only is True or f.hash is not None:
            raise TypeError(
                f"@value does not take init=False, keyword-only or hash= fields "
                f"({cls.__qualname__}.{f.name}): use @dataclass"
            )


def _make(cls: type[T], order: bool) -> type[T]:
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        if name in cls.__dict__:
            raise TypeError(f"@value makes {cls.__qualname__}.{name}; do not define it")
    if cls.__doc__ is None:  # (else dataclasses works one out, from a signature: slow)
        cls.__doc__ = cls.__qualname__
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # records the fields only
    _refuse_what_it_cannot_do(cls)
    cls.__value_spec__ = _Spec(cls)  # type: ignore[attr-defined]
    methods = {
        "__init__": _init,
        "__repr__": _repr,
        "__eq__": _eq,
        "__hash__": _hash,
        "__setattr__": _setattr,
        "__delattr__": _delattr,
        **(_ORDER if order else {}),
    }
    for name, method in methods.items():
        setattr(cls, name, method)
    return cls


@overload
def value(cls: type[T], /) -> type[T]: ...


@overload
def value(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def value(cls: type[T] | None = None, /, *, order: bool = False) -> Any:
    """Make ``cls`` a frozen dataclass with shared methods: ``@value`` or
    ``@value(order=True)``."""
    if cls is None:
        return lambda cls: _make(cls, order)
    return _make(cls, order)
