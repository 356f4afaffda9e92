"""The engineer profile: asked for on first start, editable from the Settings menu. Validates as you type."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from dzdesk.domain.profile import EngineerProfile, ProfileProblem
from dzdesk.ui.forms import load_form


class ProfileDialog(QDialog):
    def __init__(self, profile: EngineerProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Engineer profile"))
        self.form = load_form("profile_form", self)
        self.name_edit: QLineEdit = self.form.findChild(QLineEdit, "nameEdit")
        self.phone_edit: QLineEdit = self.form.findChild(QLineEdit, "phoneEdit")
        self.team_edit: QLineEdit = self.form.findChild(QLineEdit, "teamEdit")
        self.problems_label: QLabel = self.form.findChild(QLabel, "problemsLabel")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)

        self.name_edit.setText(profile.name)
        self.phone_edit.setText(profile.phone)
        self.team_edit.setText(profile.team)
        for edit in (self.name_edit, self.phone_edit, self.team_edit):
            edit.textChanged.connect(self._validate)
        self._validate()
        self.name_edit.setFocus()

    def profile(self) -> EngineerProfile:
        return EngineerProfile(
            name=self.name_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            team=self.team_edit.text().strip(),
        )

    def _problem_text(self, problem: ProfileProblem) -> str:
        texts = {
            ProfileProblem.NAME_MISSING: self.tr("Enter your name."),
            ProfileProblem.NAME_TOO_LONG: self.tr("The name is longer than 40 characters."),
            ProfileProblem.PHONE_INVALID: self.tr(
                "The phone number is not a mainland mobile (11 digits) or landline number."),
            ProfileProblem.TEAM_TOO_LONG: self.tr("The team name is longer than 60 characters."),
        }
        return texts[problem]

    def _validate(self) -> None:
        problems = self.profile().problems()
        self.problems_label.setText("\n".join(self._problem_text(p) for p in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
