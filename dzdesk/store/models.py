"""Imports every model so `Base.metadata` describes the whole schema (for Alembic and the schema test)."""

from dzdesk.store.base import Base, RecordMixin
from dzdesk.store.incident_models import Complaint, Incident, IncidentCorrection, IncidentEvent, IncidentPause
from dzdesk.store.indicator_models import ImportMapping, IndicatorDefinition, IndicatorNote, IndicatorValue
from dzdesk.store.meta import LocalMeta
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.probe_models import MaintenanceWindowRecord, ProbeResult, ProbeState, ProbeTargetRecord
from dzdesk.store.report_models import IssuedReport
from dzdesk.store.sync_models import ParkedRecord, SyncBase, SyncConflict
from dzdesk.store.team_models import TeamSetting
from dzdesk.store.training_models import Attendee, Training, TrainingMaterial
from dzdesk.store.visit_models import Visit, VisitAmendment, VisitAttachment, VisitFollowUp, VisitIncident

# Records an engineer creates; the demo refuses a directory holding any of them.
RECORD_MODELS: tuple[type[RecordMixin], ...] = (Incident, IncidentEvent, IncidentPause, IncidentCorrection, Complaint,
                                                Visit, VisitFollowUp, VisitAttachment, VisitAmendment, VisitIncident,
                                                Training, Attendee, TrainingMaterial, IssuedReport)

__all__ = ["RECORD_MODELS", "Attendee", "Base", "Complaint", "ImportMapping", "Incident", "IncidentCorrection",
           "IncidentEvent", "IncidentPause", "IndicatorDefinition", "IndicatorNote", "IndicatorValue", "IssuedReport",
           "LocalMeta", "MaintenanceWindowRecord", "OutboxEntry", "ParkedRecord", "ProbeResult", "ProbeState",
           "ProbeTargetRecord", "SyncBase", "SyncConflict", "TeamSetting", "Training", "TrainingMaterial", "Visit",
           "VisitAmendment", "VisitAttachment", "VisitFollowUp", "VisitIncident"]
