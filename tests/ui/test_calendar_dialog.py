from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from dzdesk.config import Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.severity import Severity
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.ui.calendar_dialog import CalendarDialog


def settle(qtbot, *screens) -> None:
    """Waits until what the screens read or write on a worker is back and shown."""
    qtbot.waitUntil(lambda: not any(screen.busy for screen in screens), timeout=10_000)


def test_entering_next_years_notice_moves_deadlines(qtbot, ctx):
    # Friday 2027-02-05 17:00: without the notice, the 4 business hours end Monday 2027-02-08 12:00.
    reported = datetime(2027, 2, 5, 17, 0, tzinfo=SHANGHAI)
    with ctx.store.transaction() as session:
        incident = add_incident(session, IncidentDraft(platform="credit", severity=Severity.MINOR, title="t",
                                                       reported_at=reported),
                                ctx.catalogue, ctx.settings.calendar(), reported + timedelta(minutes=1))
    assert incident.response_due == datetime(2027, 2, 8, 12, 0, tzinfo=SHANGHAI)

    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)

    settle(qtbot, dialog)
    dialog.days_off.setPlainText("2027-02-06..2027-02-14  # Spring Festival")
    dialog.working_days.setPlainText("2027-02-20")
    dialog.complete_years.setText("2027")
    dialog.accept()
    settle(qtbot, dialog)

    assert dialog.moved == 1
    with ctx.store.session() as session:
        moved = session.get(Incident, incident.id).response_due
    # Off from Saturday 6th to Sunday 14th: 1 h on Friday, then 3 h from Monday 15th 09:00.
    assert moved == datetime(2027, 2, 15, 12, 0, tzinfo=SHANGHAI)
    saved = Settings.load(ctx.data_dir.settings_file)
    assert saved.complete_years == [2027] and "2027-02-14" in saved.extra_days_off
    assert ctx.settings.calendar().year_is_known(2027)


def test_bad_lines_are_named_and_nothing_is_saved(qtbot, ctx, chinese):
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    dialog.days_off.setPlainText("2027-02-06\nspring festival")
    assert "line 2" in dialog.problem.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.days_off.setPlainText("")
    dialog.hours.setText("18:00-09:00")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.accept()
    settle(qtbot, dialog)
    assert Settings.load(ctx.data_dir.settings_file).business_hours == "09:00-12:00, 13:00-18:00"


NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月13日（周六）上班。
"""


def test_a_pasted_notice_is_previewed_and_then_saved_with_its_lines(qtbot, ctx):
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    notice = dialog.paste_notice()
    notice.set_text(NOTICE_2027)
    assert notice.days.rowCount() == 11
    assert notice.calendar.dateTextFormat().keys().__len__() == 11  # every day marked in the preview
    assert "2027: 10 days off, 1 make-up working days." in notice.problem.text()
    notice.accept()
    assert "2027-02-13" in dialog.working_days.toPlainText() and dialog.complete_years.text() == "2027"
    dialog.accept()
    settle(qtbot, dialog)
    saved = Settings.load(ctx.data_dir.settings_file)
    assert "2027-01-01" in saved.extra_days_off and saved.complete_years == [2027]
    assert saved.day_notes["2027-02-13"].startswith("二、春节：2月6日")


def test_a_damaged_pasted_notice_is_quoted_with_why_and_cannot_be_used(qtbot, ctx):
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    notice = dialog.paste_notice()
    notice.set_text(NOTICE_2027.replace("3日（周日）", "3日（周一）"))
    assert "Line 2" in notice.problem.text() and "一、元旦：1月1日" in notice.problem.text()
    assert "is not a 周一" in notice.problem.text()
    assert not notice.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    notice.accept()
    assert dialog.days_off.toPlainText() == ""


# -- a team's calendar --------------------------------------------------------------------------------------------
def _as_member(ctx, role, teams=("运维一组",)):
    from dzdesk.store.account import HubAccount, remember_account

    with ctx.store.transaction() as session:
        remember_account(session, HubAccount("李明", role, teams[0], tuple(teams)))


def _team_records(ctx, team):
    from sqlalchemy import select

    from dzdesk.store.team_models import TeamSetting

    with ctx.store.session() as session:
        return {r.key: r for r in session.scalars(select(TeamSetting).where(TeamSetting.team == team))}


def test_an_engineer_reads_the_teams_calendar_with_who_changed_it_and_cannot_change_it(qtbot, ctx):
    from dzdesk.domain.record_ids import team_setting_id
    from dzdesk.store.outbox import APPLYING_REMOTE
    from dzdesk.store.team_models import TeamSetting

    _as_member(ctx, "engineer")
    with ctx.store.transaction() as session:  # as a pull brings it
        session.info[APPLYING_REMOTE] = True
        key = "calendar.day.2027-01-01"
        session.add(TeamSetting(id=team_setting_id("运维一组", key), team="运维一组", key=key,
                                value='{"note": "一、元旦：1月1日", "off": true}', changed_by="王组长"))
    ctx.settings.extra_days_off = ["2027-05-05"]  # this laptop's own days no longer count
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert dialog.days_off.toPlainText() == "2027-01-01"
    assert dialog.days_off.isReadOnly() and dialog.hours.isReadOnly()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isHidden()
    assert "Only a lead" in dialog.owner.text() and "运维一组" in dialog.owner.text()
    assert "王组长 set 2027-01-01 as a day off" in dialog.history.item(0).text()
    dialog.days_off.setPlainText("2027-01-01\n2027-01-04")
    dialog.accept()
    settle(qtbot, dialog)
    assert list(_team_records(ctx, "运维一组")) == ["calendar.day.2027-01-01"]


def test_a_lead_of_two_teams_edits_each_teams_calendar(qtbot, ctx):
    _as_member(ctx, "lead", ("运维一组", "运维二组"))
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert dialog.team_choice.count() == 2 and "Saved here" in dialog.owner.text()
    dialog.team_choice.setCurrentIndex(1)
    settle(qtbot, dialog)
    dialog.days_off.setPlainText("2027-01-01..2027-01-03")
    dialog.complete_years.setText("2027")
    dialog.accept()
    settle(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    records = _team_records(ctx, "运维二组")
    assert sorted(records) == ["calendar.day.2027-01-01", "calendar.day.2027-01-02", "calendar.day.2027-01-03",
                               "calendar.hours", "calendar.year.2027"]
    assert {r.changed_by for r in records.values()} == {"李明"}
    assert _team_records(ctx, "运维一组") == {}
    assert Settings.load(ctx.data_dir.settings_file).extra_days_off == []  # a team's, not this laptop's own


def test_a_lead_offers_the_days_the_laptop_kept_before_joining_as_the_teams(qtbot, ctx):
    ctx.settings.extra_days_off, ctx.settings.complete_years = ["2027-01-01"], [2027]
    ctx.settings.day_notes = {"2027-01-01": "一、元旦：1月1日放假。"}
    _as_member(ctx, "lead")
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert dialog.days_off.toPlainText() == "" and not dialog.take_own.isHidden()
    dialog.take_own.click()
    dialog.accept()
    settle(qtbot, dialog)
    records = _team_records(ctx, "运维一组")
    assert records["calendar.day.2027-01-01"].value == '{"note": "一、元旦：1月1日放假。", "off": true}'
    assert "calendar.year.2027" in records
    again = CalendarDialog(ctx)
    qtbot.addWidget(again)
    settle(qtbot, again)
    assert again.take_own.isHidden()  # the team's calendar now holds them


def test_a_save_that_fails_keeps_the_dialog_open_with_the_reason_and_what_was_typed(qtbot, ctx, monkeypatch):
    def locked(*_args, **_kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr("dzdesk.ui.calendar_dialog.save_calendar", locked)
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.days_off.isReadOnly()  # nothing is typed over before the calendar in force is read
    settle(qtbot, dialog)
    assert not dialog.days_off.isReadOnly()
    dialog.days_off.setPlainText("2027-02-06..2027-02-14")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.accept()
    assert not save.isEnabled()
    dialog.accept()  # a second click while it saves does nothing
    settle(qtbot, dialog)
    assert dialog.isVisible() and dialog.problem.text() == "Nothing was saved: database is locked"
    assert dialog.days_off.toPlainText() == "2027-02-06..2027-02-14" and save.isEnabled()
    assert Settings.load(ctx.data_dir.settings_file).extra_days_off == []
