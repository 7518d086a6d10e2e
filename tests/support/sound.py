"""A speaker for the app that only remembers what it was asked to say (the real one is
sessiontimer.system.sound.Speaker): "speech" speaks and rings, "bell" only rings, "off" neither."""

from __future__ import annotations


class FakeSpeaker:
    def __init__(self, mode: str = "speech") -> None:
        self.said: list[str] = []
        self.mode = mode
        self.closed = False

    @property
    def speaks(self) -> bool:
        return self.mode == "speech"

    @property
    def rings(self) -> bool:
        return self.mode != "off"

    def missing_notice(self) -> str | None:
        return None  # (a program is there)

    def say(self, text: str) -> None:
        self.said.append(text)

    def close(self) -> None:
        self.closed = True
