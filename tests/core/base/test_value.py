"""@value behaves as @dataclass(frozen=True) does, at a fraction of the cost of defining a class."""

from __future__ import annotations

import dataclasses
import time
import typing
from dataclasses import FrozenInstanceError, InitVar, asdict, dataclass, field, fields, replace
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessiontimer.core.base.value import value


@value
class Hold:
    name: str
    seconds: int = 30
    cues: tuple[str, ...] = ()
    where: str | None = field(default=None, compare=False)
    notes: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class HoldDataclass:
    name: str
    seconds: int = 30
    cues: tuple[str, ...] = ()
    where: str | None = field(default=None, compare=False)
    notes: list[str] = field(default_factory=list, compare=False)


@value
class Base:
    index: int


class Child(Base):  # adds no fields: not decorated again
    pass


class Sibling(Base):
    pass


@value
class Grown(Base):
    extra: str = "x"


@value(order=True)
class Place:
    line: int
    col: int


@value
class Checked:
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")


def test_arguments_by_position_keyword_and_default() -> None:
    assert Hold("a").seconds == 30
    assert Hold("a", 10).seconds == 10
    assert Hold(name="a", seconds=5, cues=("c",)).cues == ("c",)
    assert Hold("a").notes == [] and Hold("a").notes is not Hold("a").notes  # a new list each


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required arguments: 'name'"),
        (("a", 1, (), None, [], 6), {}, "takes 6 positional arguments but 7 were given"),
        (("a",), {"name": "b"}, "got multiple values for argument 'name'"),
        (("a",), {"colour": "red"}, "got an unexpected keyword argument 'colour'"),
    ],
)
def test_wrong_arguments_are_a_type_error(
    args: tuple[Any, ...], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Hold(*args, **kwargs)


def test_frozen() -> None:
    hold = Hold("a")
    with pytest.raises(FrozenInstanceError):
        hold.seconds = 3  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del hold.name


def test_equality_hash_and_repr_are_the_dataclass_ones() -> None:
    assert Hold("a", where="x") == Hold("a", where="y")  # compare=False
    assert hash(Hold("a", where="x")) == hash(Hold("a", where="y"))
    assert Hold("a") != Hold("b")
    assert Hold("a") != HoldDataclass("a")  # type: ignore[comparison-overlap]
    assert repr(Hold("a", 5)) == repr(HoldDataclass("a", 5)).replace("HoldDataclass", "Hold")


def test_the_dataclass_functions_work() -> None:
    hold = Hold("a", 5, ("c",), "here")
    assert [f.name for f in fields(hold)] == ["name", "seconds", "cues", "where", "notes"]
    assert replace(hold, seconds=6) == Hold("a", 6, ("c",))
    assert replace(hold, seconds=6).where == "here"
    assert asdict(hold) == {"name": "a", "seconds": 5, "cues": ("c",), "where": "here", "notes": []}
    assert dataclasses.is_dataclass(hold)


def test_subclasses_with_and_without_fields() -> None:
    assert Child(3) == Child(3)
    assert Child(3) != Sibling(3)  # type: ignore[comparison-overlap]
    assert Child(3) != Base(3)
    assert repr(Sibling(3)) == "Sibling(index=3)"
    assert Grown(1, "y") == Grown(1, "y") and repr(Grown(1)) == "Grown(index=1, extra='x')"
    match Grown(4, "z"):
        case Grown(index, extra):
            assert (index, extra) == (4, "z")
        case _:
            pytest.fail("no match")


def test_order_and_post_init() -> None:
    assert sorted([Place(2, 1), Place(1, 9), Place(1, 2)]) == [
        Place(1, 2),
        Place(1, 9),
        Place(2, 1),
    ]
    assert Place(1, 1) <= Place(1, 1) < Place(1, 2) and Place(3, 0) >= Place(2, 9) > Place(2, 8)
    with pytest.raises(TypeError):
        _ = Place(1, 1) < (1, 1)  # type: ignore[operator]
    with pytest.raises(ValueError, match="low above high"):
        Checked(2, 1)


def test_what_it_cannot_do_is_refused_not_done_wrongly() -> None:
    with pytest.raises(TypeError, match="init=False"):

        @value
        class NotAnArgument:
            a: int
            b: int = field(default=0, init=False)

    with pytest.raises(TypeError, match="keyword-only"):

        @value
        class KeywordOnly:
            a: int
            b: int = field(default=0, kw_only=True)

    with pytest.raises(TypeError, match="hash="):

        @value
        class OwnHash:
            a: int = field(hash=False)

    with pytest.raises(TypeError, match="InitVar"):

        @value
        class WithInitVar:
            a: int
            b: dataclasses.InitVar[int]


@pytest.mark.parametrize(
    "annotation",
    [
        "dataclasses.InitVar[int]",  # as written under `from __future__ import annotations`
        "InitVar[int]",
        " InitVar [ int ]",
        "InitVar",
        dataclasses.InitVar[int],  # as evaluated without it
        InitVar,
    ],
)
def test_an_init_var_in_any_spelling_is_refused(annotation: object) -> None:
    # (dataclasses reads a string annotation through the names this module imports: dataclasses,
    # InitVar, typing and ClassVar are all imported above)
    namespace = {"__annotations__": {"a": int, "b": annotation}, "__module__": __name__}
    with pytest.raises(TypeError, match=r"InitVar fields \(WithInitVar\.b\)"):
        value(type("WithInitVar", (), namespace))


@pytest.mark.parametrize(
    "annotation", ["ClassVar[int]", "typing.ClassVar[int]", typing.ClassVar[int], ClassVar]
)
def test_a_class_var_is_not_a_field_and_is_not_refused(annotation: object) -> None:
    namespace = {"__annotations__": {"a": int, "b": annotation}, "b": 3, "__module__": __name__}
    made: Any = value(type("WithClassVar", (), namespace))
    assert [f.name for f in fields(made)] == ["a"]
    assert made(1).b == 3 and made(1) == made(1) and repr(made(1)) == "WithClassVar(a=1)"


def test_post_init_of_an_undecorated_subclass_runs() -> None:
    seen: list[int] = []

    class Logged(Base):
        def __post_init__(self) -> None:
            seen.append(self.index)

    Logged(7)
    assert seen == [7]


def test_methods_it_makes_may_not_be_written_by_hand() -> None:
    with pytest.raises(TypeError, match="do not define it"):

        @value
        class Own:
            a: int

            def __repr__(self) -> str:
                return "mine"


@given(
    name=st.text(max_size=8),
    seconds=st.integers(),
    cues=st.lists(st.text(max_size=3), max_size=3).map(tuple),
)
def test_same_as_a_dataclass_for_any_values(name: str, seconds: int, cues: tuple[str, ...]) -> None:
    ours, theirs = Hold(name, seconds, cues), HoldDataclass(name, seconds, cues)
    assert repr(ours) == repr(theirs).replace("HoldDataclass", "Hold", 1)
    assert hash(ours) == hash(theirs)
    assert ours == Hold(name=name, seconds=seconds, cues=cues)
    assert asdict(ours) == asdict(theirs)


def test_defining_a_class_is_much_cheaper_than_a_frozen_dataclass() -> None:
    def define_value() -> type:
        @value
        class Event:
            index: int
            side: str = ""

        return Event

    def define_dataclass() -> type:
        @dataclass(frozen=True)
        class Event:
            index: int
            side: str = ""

        return Event

    def cost(define: object) -> float:
        start = time.perf_counter()
        for _ in range(50):
            define()  # type: ignore[operator]
        return time.perf_counter() - start

    # the best of a few rounds each: a busy machine slows one round, not all of them
    assert min(cost(define_value) for _ in range(5)) * 4 < min(
        cost(define_dataclass) for _ in range(5)
    )
