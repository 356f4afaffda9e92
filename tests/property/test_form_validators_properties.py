"""Every form's validator against the real store: a draft the rules refuse raises the form's own error, listing
each problem in words, and leaves the SQLite file untouched; a draft they accept is saved and reads back as the
form would show it. Plus the profile's phone rule and maintenance windows.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from dzdesk.domain.calendar import SHANGHAI, BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Channel
from dzdesk.domain.maintenance import MaintenanceProblem, MaintenanceWindow, Recurrence
from dzdesk.domain.profile import EngineerProfile, ProfileProblem, phone_is_valid
from dzdesk.domain.severity import Severity
from dzdesk.domain.training import RosterEntry, RosterProblem, TrainingKind
from dzdesk.domain.visit import FollowUp, ServiceCategory, visit_problems
from dzdesk.store.complaint_repo import ComplaintDraft, ComplaintRejected, save_complaint
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.incident_repo import IncidentDraft, IncidentRejected, add_incident, check_draft
from dzdesk.store.probe_models import MaintenanceWindowRecord
from dzdesk.store.probe_repo import save_window
from dzdesk.store.training_models import Training
from dzdesk.store.training_repo import TrainingDraft, TrainingRejected, add_attendees, save_training
from dzdesk.store.visit_repo import VisitDraft, VisitRejected, load_visit, save_visit
from tests.property import fewer

CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)

# Form text: usually a word or two, sometimes blank or only spaces, sometimes anything at all.
text = st.one_of(st.sampled_from(["", " ", "\t\n", "门户无法登录", "数据库连接超时", "已重启服务"]),
                 st.text(max_size=30))
zones = st.sampled_from([UTC, SHANGHAI, timezone(timedelta(hours=-5))])
# Around now, so that "in the future" and "before it was reported" both come up.
moments = st.builds(lambda minutes, seconds, tz: (NOW + timedelta(minutes=minutes, seconds=seconds)).astimezone(tz),
                    st.integers(-60 * 24 * 30, 60), st.integers(0, 59), zones)
later = st.one_of(st.none(), st.integers(-120, 60 * 24 * 3).map(lambda m: timedelta(minutes=m)))


def after(start: datetime, gap: timedelta | None) -> datetime | None:
    return None if gap is None else start + gap


def assert_refused(exc: ValueError, problems: list) -> None:
    """The form's own error: every problem in words, in the message the dialog shows."""
    assert problems and str(exc).strip()
    for problem in problems:
        assert problem.value in str(exc)


@st.composite
def incident_drafts(draw: st.DrawFn) -> IncidentDraft:
    platform = draw(st.sampled_from([*[p.code for p in CATALOGUE.platforms], "", "other"]))
    modules = [m for p in CATALOGUE.platforms for m in p.modules]
    reported = draw(moments)
    responded = after(reported, draw(later))
    resolved = after(responded or reported, draw(later))
    return IncidentDraft(
        platform=platform, severity=draw(st.sampled_from(list(Severity))), title=draw(text), reported_at=reported,
        module=draw(st.one_of(st.just(""), st.sampled_from(modules), st.text(max_size=8))),
        district=draw(st.one_of(st.just(""), st.sampled_from(CATALOGUE.districts))),
        reporter=draw(text), reporter_contact=draw(text), channel=draw(st.sampled_from(list(Channel))),
        description=draw(text), cause=draw(text), resolution=draw(text), assignee=draw(text),
        responded_at=responded, resolved_at=resolved, closed_at=after(resolved or reported, draw(later)),
        typical=draw(st.booleans()), lesson=draw(text))


@given(draft=incident_drafts())
@fewer(3)
def test_an_incident_is_refused_in_words_and_unwritten_or_saved_as_shown(store, fingerprint,
                                                                         draft: IncidentDraft) -> None:
    problems = check_draft(draft, CATALOGUE, NOW)
    before = fingerprint()
    try:
        with store.transaction() as session:
            incident_id = add_incident(session, draft, CATALOGUE, CALENDAR, NOW).id
    except IncidentRejected as exc:
        assert exc.problems == problems
        assert_refused(exc, problems)
        assert fingerprint() == before
        return
    assert problems == []
    with store.session() as session:
        stored = IncidentDraft.of(session.get(Incident, incident_id))
    shown = replace(draft, **{f: getattr(draft, f).strip() for f in
                              ("title", "cause", "resolution", "description", "reporter", "lesson")},
                    **{f: getattr(draft, f).replace(microsecond=0) if getattr(draft, f) else None
                       for f in ("reported_at", "responded_at", "resolved_at", "closed_at")})
    assert stored == shown


@st.composite
def complaint_drafts(draw: st.DrawFn) -> ComplaintDraft:
    received = draw(moments)
    return ComplaintDraft(
        channel=draw(st.sampled_from(list(ComplaintChannel))), complainant=draw(text), content=draw(text),
        received_at=received.replace(microsecond=0), unit=draw(text), contact=draw(text), handling=draw(text),
        replied_at=after(received.replace(microsecond=0), draw(later)), outcome=draw(text))


@given(draft=complaint_drafts())
@fewer(3)
def test_a_complaint_is_refused_in_words_and_unwritten_or_saved_as_shown(store, fingerprint,
                                                                         draft: ComplaintDraft) -> None:
    problems = draft.stripped().problems(NOW)
    before = fingerprint()
    try:
        with store.transaction() as session:
            complaint_id = save_complaint(session, draft, NOW).id
    except ComplaintRejected as exc:
        assert exc.problems == problems
        assert_refused(exc, problems)
        assert fingerprint() == before
        return
    assert problems == []
    with store.session() as session:
        assert ComplaintDraft.of(session.get(Complaint, complaint_id)) == draft.stripped()


@st.composite
def visit_drafts(draw: st.DrawFn) -> VisitDraft:
    arrived = draw(moments).replace(microsecond=0)
    return VisitDraft(
        office=draw(text), platforms=tuple(draw(st.lists(st.sampled_from(["credit", "approval"]), unique=True))),
        categories=tuple(draw(st.lists(st.sampled_from(list(ServiceCategory)), unique=True))),
        engineers=draw(text), arrived_at=arrived, work_done=draw(text),
        departed_at=after(arrived, draw(st.one_of(later, st.just(timedelta(days=3, minutes=1))))),
        department=draw(text), district=draw(text), address=draw(text), problems_found=draw(text),
        contact_name=draw(text), contact_phone=draw(text),
        follow_ups=tuple(draw(st.lists(st.builds(FollowUp, text, st.one_of(st.none(), st.dates()), st.booleans()),
                                       max_size=3))))


@given(draft=visit_drafts())
@fewer(3)
def test_a_visit_is_refused_in_words_and_unwritten_or_saved_as_shown(store, fingerprint, draft: VisitDraft) -> None:
    before = fingerprint()
    try:
        with store.transaction() as session:
            visit_id = save_visit(session, draft, NOW).id
    except VisitRejected as exc:
        assert_refused(exc, exc.problems)
        assert fingerprint() == before
        return
    with store.session() as session:
        stored = VisitDraft.of(load_visit(session, visit_id))
    shown = replace(draft, **{f: getattr(draft, f).strip() for f in (
        "office", "engineers", "work_done", "department", "district", "address", "problems_found", "contact_name",
        "contact_phone")}, follow_ups=tuple(replace(f, text=f.text.strip()) for f in draft.follow_ups))
    assert stored == shown


@given(title=text, starts=moments, length=later, kind=st.sampled_from(list(TrainingKind)))
@fewer(3)
def test_a_training_is_refused_in_words_and_unwritten_or_saved(store, fingerprint, title: str, starts: datetime,
                                                               length: timedelta | None, kind: TrainingKind) -> None:
    draft = TrainingDraft(title=title, starts_at=starts, ends_at=after(starts, length), kind=kind)
    before = fingerprint()
    try:
        with store.transaction() as session:
            training_id = save_training(session, draft).id
    except TrainingRejected as exc:
        assert not title.strip() or (length is not None and length < timedelta(0))
        assert str(exc).strip()
        assert fingerprint() == before
        return
    with store.session() as session:
        training = session.get(Training, training_id)
        assert (training.title, training.starts_at, training.kind) == (title.strip(), starts.replace(microsecond=0),
                                                                       kind.value)


roster_phones = st.one_of(st.just(""), st.text(max_size=14), st.from_regex(r"1[3-9]\d{9}", fullmatch=True))


@given(people=st.lists(st.builds(RosterEntry, text, text, text, roster_phones, text), min_size=1, max_size=5))
@fewer(3)
def test_attendees_are_added_all_or_none(store, fingerprint, people: list[RosterEntry]) -> None:
    """The check-in screen's walk-ins and the import dialog both end in `add_attendees`: one bad person, none."""
    with store.transaction() as session:
        training = save_training(session, TrainingDraft("培训", NOW))
        training_id = training.id
    before = fingerprint()
    bad = [p for p in people if p.normalised().problems()]
    try:
        with store.transaction() as session:
            add_attendees(session, session.get(Training, training_id), people)
    except TrainingRejected as exc:
        assert bad, "only a person with a problem is refused"
        assert any(problem.value in str(exc) for problem in bad[0].normalised().problems())
        assert fingerprint() == before
        return
    assert not bad


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
valid_phones = st.one_of(
    mobiles, mobiles.map(lambda m: f"+86 {m}"), mobiles.map(lambda m: f"86-{m}"),
    st.from_regex(r"(0[0-9]{2,3}-)?[0-9]{7,8}(-[0-9]{1,6})?", fullmatch=True))


@given(phone=valid_phones)
def test_every_kind_of_mainland_number_is_a_phone(phone: str) -> None:
    assert phone_is_valid(phone) and phone_is_valid(f" {phone} ")
    assert EngineerProfile("李明", phone).problems() == []
    assert RosterEntry("李明", phone=phone).normalised().problems() == []


@given(phone=valid_phones, data=st.data())
def test_a_number_in_other_digits_is_not_a_phone(phone: str, data: st.DataObject) -> None:
    """Full-width digits from a Chinese input method, or Arabic-Indic ones, are not what a telephone dials; the
    person is told, instead of a number nobody can call being saved."""
    positions = [i for i, c in enumerate(phone) if c.isdigit()]
    index = data.draw(st.sampled_from(positions))
    offset = data.draw(st.sampled_from([0xFF10 - 0x30, 0x0660 - 0x30, 0x0966 - 0x30]))  # full-width, Arabic, Hindi
    spoiled = phone[:index] + chr(ord(phone[index]) + offset) + phone[index + 1:]
    assert not phone_is_valid(spoiled)
    assert EngineerProfile("李明", spoiled).problems() == [ProfileProblem.PHONE_INVALID]
    assert RosterEntry("李明", phone=spoiled).problems() == [RosterProblem.PHONE_INVALID]


@given(name=st.text(max_size=60), phone=st.text(max_size=30), team=st.text(max_size=80))
def test_a_profile_names_each_of_its_problems(name: str, phone: str, team: str) -> None:
    problems = EngineerProfile(name, phone, team).problems()
    assert (ProfileProblem.NAME_MISSING in problems) == (not name.strip())
    assert (ProfileProblem.NAME_TOO_LONG in problems) == (len(name.strip()) > 40)
    assert (ProfileProblem.PHONE_INVALID in problems) == bool(phone.strip() and not phone_is_valid(phone))
    assert (ProfileProblem.TEAM_TOO_LONG in problems) == (len(team.strip()) > 60)
    assert all(re.search(r"\w", p.value) for p in problems)


@st.composite
def windows(draw: st.DrawFn) -> MaintenanceWindow:
    starts = draw(moments).replace(second=0)
    return MaintenanceWindow(
        starts_at=starts, duration=timedelta(minutes=draw(st.integers(-10, 8 * 24 * 60))),
        recurrence=draw(st.sampled_from(list(Recurrence))),
        until=draw(st.one_of(st.none(), st.integers(-3, 30).map(
            lambda n: starts.astimezone(SHANGHAI).date() + timedelta(days=n)))),
        platform=draw(st.sampled_from(["", "credit", "approval"])), target_name=draw(text), note=draw(text))


@given(window=windows())
@fewer(3)
def test_a_maintenance_window_is_refused_in_words_and_unwritten_or_saved(store, fingerprint,
                                                                         window: MaintenanceWindow) -> None:
    problems = window.problems()
    before = fingerprint()
    try:
        with store.transaction() as session:
            record = save_window(session, window)
            session.flush()
            record_id = record.id
    except ValueError as exc:
        assert str(exc) == problems[0].value
        assert fingerprint() == before
        return
    assert problems == []
    with store.session() as session:
        assert session.get(MaintenanceWindowRecord, record_id).to_window() == window


@given(window=windows().filter(lambda w: not w.problems()), days_later=st.integers(0, 40))
def test_a_window_covers_its_own_occurrences(window: MaintenanceWindow, days_later: int) -> None:
    """The first minute of each occurrence is covered and the minute the first one ends is not (daily windows
    are shorter than a day, so that minute belongs to no other occurrence)."""
    assert window.covers(window.starts_at)
    assert not window.covers(window.starts_at - timedelta(minutes=1)), "nothing is covered before the first one"
    if window.recurrence is Recurrence.ONCE:
        assert not window.covers(window.starts_at + window.duration)
        return
    step = 1 if window.recurrence is Recurrence.DAILY else 7
    local = window.starts_at.astimezone(SHANGHAI)
    day = local.date() + timedelta(days=days_later * step)
    occurrence = datetime.combine(day, local.timetz())
    assert window.covers(occurrence) == (window.until is None or day <= window.until)


@pytest.mark.parametrize("duration", [timedelta(0), timedelta(seconds=59), timedelta(days=7, minutes=1)])
def test_a_window_of_impossible_length_is_refused(duration: timedelta) -> None:
    window = MaintenanceWindow(datetime(2026, 11, 21, 22, tzinfo=SHANGHAI), duration)
    assert window.problems() == [MaintenanceProblem.DURATION]


@pytest.mark.parametrize(("strategy", "problems"), [
    (incident_drafts(), lambda draft: check_draft(draft, CATALOGUE, NOW)),
    (complaint_drafts(), lambda draft: draft.stripped().problems(NOW)),
    (visit_drafts(), lambda draft: visit_problems(draft.facts(), NOW)),
    (windows(), lambda window: window.problems()),
], ids=["incident", "complaint", "visit", "window"])
def test_each_draft_strategy_reaches_both_outcomes(strategy: st.SearchStrategy, problems: Callable) -> None:
    """Guards the properties above against passing vacuously: each strategy draws drafts the rules refuse and
    drafts they accept, so both branches of each property run."""
    search = settings(database=None, max_examples=2000, phases=[Phase.generate])  # found is enough: no shrinking
    find(strategy, lambda draft: bool(problems(draft)), settings=search)
    find(strategy, lambda draft: not problems(draft), settings=search)


@given(window=windows().filter(lambda w: not w.problems()), seconds=st.integers(1, 59))
@settings(fewer(6))
def test_a_window_with_seconds_is_stored_as_given_or_refused(store, window: MaintenanceWindow, seconds: int) -> None:
    """The editor offers whole minutes, but a synced or scripted window may carry seconds: they must not vanish
    (they are refused: the store keeps whole minutes)."""
    window = replace(window, duration=window.duration + timedelta(seconds=seconds))
    if window.problems():
        return
    with store.transaction() as session:
        record = save_window(session, window)
        session.flush()
        record_id = record.id
    with store.session() as session:
        assert session.get(MaintenanceWindowRecord, record_id).to_window() == window
