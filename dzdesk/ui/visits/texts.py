"""What the visit screens say of a service category and of a visit's problems, in the interface's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dzdesk.domain.visit import ServiceCategory, VisitProblem
from dzdesk.ui.labels import enum_label


def category_label(category: ServiceCategory) -> str:
    return enum_label(ServiceCategory(category))


def visit_problem_text(problem: VisitProblem) -> str:
    return {
        VisitProblem.OFFICE_MISSING: QCoreApplication.translate("VisitProblems", "Enter the office or unit visited."),
        VisitProblem.PLATFORM_MISSING: QCoreApplication.translate("VisitProblems", "Choose at least one platform."),
        VisitProblem.CATEGORY_MISSING: QCoreApplication.translate(
            "VisitProblems", "Choose at least one kind of service."),
        VisitProblem.ENGINEERS_MISSING: QCoreApplication.translate("VisitProblems", "Enter who went."),
        VisitProblem.WORK_MISSING: QCoreApplication.translate("VisitProblems", "Describe the work done."),
        VisitProblem.ARRIVED_IN_FUTURE: QCoreApplication.translate(
            "VisitProblems", "The arrival time is in the future."),
        VisitProblem.DEPARTED_BEFORE_ARRIVED: QCoreApplication.translate(
            "VisitProblems", "The departure time is before the arrival time."),
        VisitProblem.TOO_LONG: QCoreApplication.translate(
            "VisitProblems", "A visit longer than three days is more than one visit: record each day."),
        VisitProblem.FOLLOW_UP_WITHOUT_TEXT: QCoreApplication.translate(
            "VisitProblems", "A follow-up needs a description."),
        VisitProblem.SIGNER_MISSING: QCoreApplication.translate(
            "VisitProblems", "Enter the name of the person who signs."),
        VisitProblem.SIGNATURE_MISSING: QCoreApplication.translate(
            "VisitProblems", "The customer has not signed yet."),
        VisitProblem.ALREADY_SIGNED: QCoreApplication.translate(
            "VisitProblems", "This visit is signed and locked: record an amendment instead."),
        VisitProblem.CHANGED_WHILE_SIGNING: QCoreApplication.translate(
            "VisitProblems", "The visit was changed while the customer was signing (a sync brought a teammate's "
                             "change): go through it with them again, then sign."),
    }[problem]
