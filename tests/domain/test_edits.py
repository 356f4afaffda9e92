from dataclasses import dataclass

from dzdesk.domain.edits import carry_edit


@dataclass(frozen=True)
class Card:
    title: str
    owner: str
    notes: str


SHOWN = Card("门户打不开", "张伟", "")


def test_only_the_fields_changed_from_what_was_shown_are_written():
    stored = Card("门户首页打不开", "李娜", "")  # a teammate's change, pulled while the form was open
    edited = Card("门户打不开", "张伟", "已重启")
    assert carry_edit(SHOWN, edited, stored) == (Card("门户首页打不开", "李娜", "已重启"), ())


def test_a_field_both_changed_to_different_values_is_named_and_the_edit_kept():
    stored = Card("门户首页打不开", "张伟", "")
    assert carry_edit(SHOWN, Card("门户白屏", "张伟", ""), stored) == (Card("门户白屏", "张伟", ""), ("title",))


def test_the_same_change_on_both_sides_is_no_conflict():
    stored = Card("门户白屏", "张伟", "")
    assert carry_edit(SHOWN, Card("门户白屏", "张伟", ""), stored) == (stored, ())


def test_nothing_changed_keeps_the_stored_record_whole():
    stored = Card("门户首页打不开", "李娜", "看过了")
    assert carry_edit(SHOWN, SHOWN, stored) == (stored, ())
