"""What the watcher must tell the team now, read from the synced records: faults nearing or past their response
deadline, complaints whose reply is due tomorrow, visit follow-ups left undone, certificates about to expire.

Each alert has a key saying what it is about and which point it is (`fault:<id>:80`), so the ledger sends it once
whatever happens to the watcher. Pure reading: nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.alerts.messages import (
    CertificateExpiry,
    Message,
    certificate_digest,
    complaint_reply_due,
    fault_breached,
    fault_lead_notice,
    fault_warning,
    visit_follow_up_overdue,
)
from dzdesk.domain.alert_settings import AlertRules
from dzdesk.domain.complaint import reply_due
from dzdesk.domain.severity import Clock, Severity
from dzdesk.domain.timefmt import to_local
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.probe_models import ProbeState, ProbeTargetRecord
from dzdesk.store.team_calendar import Calendars
from dzdesk.store.visit_models import Visit, VisitFollowUp


@dataclass(frozen=True)
class Due:
    """An alert whose moment has come: `at` is the moment it was due, `lead` when it goes to the lead's channels."""

    key: str
    at: datetime
    message: Message
    lead: bool = False


def due_alerts(session: Session, rules: AlertRules, now: datetime) -> list[Due]:
    """Every alert whose moment is at or before `now`, sent or not (the ledger knows which were)."""
    return sorted([*_faults(session, rules, now), *_complaints(session, rules, now), *_follow_ups(session, rules, now),
                   *_certificates(session, rules, now)], key=lambda due: (due.at, due.key))


def _faults(session: Session, rules: AlertRules, now: datetime) -> Iterator[Due]:
    calendars = Calendars(session)
    open_faults = session.scalars(select(Incident).where(Incident.deleted == false(), Incident.responded_at.is_(None),
                                                         Incident.reported_at <= now))
    for fault in open_faults:
        severity = Severity(fault.severity)
        due = fault.response_due
        for percent in rules.fault_warn_percent:
            if severity.clock is Clock.WALL:
                point = fault.reported_at + (due - fault.reported_at) * percent / 100
            else:  # half of a 5×8 fault's time is half its business hours, not half the night in between
                point = calendars.for_team(fault.hub_team).add_business_time(
                    fault.reported_at, severity.response_time * percent / 100)
            if point <= now < due:
                yield Due(f"fault:{fault.id}:{percent}", point, fault_warning(fault.title, severity, due, now))
        if due <= now:
            if rules.fault_warn_at_breach:
                yield Due(f"fault:{fault.id}:breach", due, fault_breached(fault.title, severity, due, now))
            if rules.fault_lead_after_minutes is not None:
                lead_at = due + timedelta(minutes=rules.fault_lead_after_minutes)
                if lead_at <= now:
                    yield Due(f"fault:{fault.id}:lead", lead_at,
                              fault_lead_notice(fault.title, severity, due, now, fault.assignee), lead=True)


def _complaints(session: Session, rules: AlertRules, now: datetime) -> Iterator[Due]:
    if not rules.complaint_reply_due_tomorrow:
        return
    today = to_local(now).date()
    for complaint in session.scalars(select(Complaint).where(Complaint.deleted == false(),
                                                             Complaint.replied_at.is_(None))):
        due = reply_due(complaint.received_at)
        if (to_local(due).date() - today).days == 1:
            day_start = datetime.combine(today, datetime.min.time(), tzinfo=to_local(now).tzinfo)
            yield Due(f"complaint:{complaint.id}:tomorrow", max(day_start, complaint.received_at),
                      complaint_reply_due(complaint.content or complaint.complainant, due, now))


def _follow_ups(session: Session, rules: AlertRules, now: datetime) -> Iterator[Due]:
    if not rules.visit_follow_up_overdue:
        return
    today = to_local(now).date()
    rows = session.execute(select(VisitFollowUp, Visit.office).join(Visit, Visit.id == VisitFollowUp.visit_id)
                           .where(VisitFollowUp.deleted == false(), Visit.deleted == false(),
                                  VisitFollowUp.done == false(), VisitFollowUp.due.is_not(None),
                                  VisitFollowUp.due < today))
    for follow_up, office in rows:
        overdue_from = datetime.combine(follow_up.due + timedelta(days=1), datetime.min.time(),
                                        tzinfo=to_local(now).tzinfo)
        yield Due(f"follow-up:{follow_up.id}", overdue_from.astimezone(UTC),
                  visit_follow_up_overdue(office, follow_up.text, follow_up.due, now))


def _certificates(session: Session, rules: AlertRules, now: datetime) -> Iterator[Due]:
    """One digest a day, from the digest's hour on, of the certificates expiring within the rules' days."""
    local = to_local(now)
    digest_at = datetime.combine(local.date(), rules.certificate_digest_at, tzinfo=local.tzinfo)
    if local < digest_at:
        return
    horizon = now + timedelta(days=rules.certificate_days_ahead)
    rows = session.execute(select(ProbeTargetRecord.name, ProbeState.cert_not_after)
                           .join(ProbeState, ProbeState.target_id == ProbeTargetRecord.id)
                           .where(ProbeTargetRecord.deleted == false(), ProbeTargetRecord.enabled.is_(True),
                                  ProbeState.cert_not_after.is_not(None), ProbeState.cert_not_after <= horizon))
    expiring = [CertificateExpiry(name, expires) for name, expires in rows]
    message = certificate_digest(expiring, now, rules.certificate_days_ahead)
    if message is not None:
        yield Due(f"certificates:{local.date().isoformat()}", digest_at.astimezone(UTC), message)
