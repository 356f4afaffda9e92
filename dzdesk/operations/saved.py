"""What an editor's operation (a complaint, a visit, a training session, a maintenance window) tells the editor
after the save."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Saved:
    record_id: str
    both_changed: tuple[str, ...] = ()  # fields a teammate changed too since the editor showed them: both kept
