"""The window's menu bar — File, Go, Settings, Help — and the icons of its actions and of the navigation, painted in
the theme's colour once the data opens. Mixed into `MainWindow` (it uses the window's navigation, titles, settings
and the actions of the other mixins)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from dzdesk.config import LANGUAGES
from dzdesk.ui.areas import PAGE_ICONS, PAGES


class WindowMenus:
    @staticmethod
    def _bind(action: QAction, key: QKeySequence | QKeySequence.StandardKey) -> None:
        """Gives `action` its key. Through `setShortcuts`: PySide6 picks among `setShortcut`'s overloads with the Qt
        namespace's key enums, whose creation costs the window's first showing 15–25 ms. A standard key gets every
        binding the platform has (Ctrl+Q and Exit for Quit)."""
        action.setShortcuts(key if isinstance(key, QKeySequence.StandardKey) else [key])

    def _action(self, icon_name: str, text: str) -> QAction:
        action = QAction(self._themed_icon(icon_name), text, self)
        self._icon_names[action] = icon_name
        return action

    def _paint_icons(self) -> None:
        """The navigation's and the menus' icons in the theme's colour, once its module is loaded."""
        from dzdesk.ui.icons import icon

        for row, name in enumerate(PAGES):
            self.navigation.item(row).setIcon(icon(PAGE_ICONS[name]))
        for action, name in self._icon_names.items():
            action.setIcon(icon(name))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        record_action = self._action("alert-triangle", self.tr("&Record a fault…"))
        self._bind(record_action, QKeySequence("Ctrl+Shift+N"))
        record_action.triggered.connect(self.record_fault)
        file_menu.addAction(record_action)
        file_menu.addSeparator()
        backup_action = self._action("download", self.tr("&Back up to a file…"))
        backup_action.triggered.connect(lambda: self.back_up())
        file_menu.addAction(backup_action)
        restore_action = self._action("upload", self.tr("&Restore from a backup…"))
        restore_action.triggered.connect(lambda: self.restore())
        file_menu.addAction(restore_action)
        file_menu.addSeparator()
        quit_action = self._action("logout", self.tr("&Quit"))
        self._bind(quit_action, QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        search_action = self._action("search", self.tr("&Search everywhere…"))
        self._bind(search_action, QKeySequence("Ctrl+K"))
        search_action.triggered.connect(lambda: self.search())
        go_menu.addAction(search_action)
        go_menu.addSeparator()
        for row, name in enumerate(PAGES):
            action = self._action(PAGE_ICONS[name], self.titles[name])
            self._bind(action, self.shortcut_of(row))
            action.triggered.connect(lambda _checked=False, r=row: self.navigation.setCurrentRow(r))
            go_menu.addAction(action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        preferences_action = self._action("settings", self.tr("P&references…"))
        self._bind(preferences_action, QKeySequence.StandardKey.Preferences)
        preferences_action.triggered.connect(lambda: self.preferences())
        settings_menu.addAction(preferences_action)
        settings_menu.addSeparator()
        profile_action = self._action("user", self.tr("Engineer &profile…"))
        profile_action.triggered.connect(self.edit_profile)
        settings_menu.addAction(profile_action)
        calendar_action = self._action("calendar", self.tr("Working &calendar…"))
        calendar_action.triggered.connect(self.edit_calendar)
        settings_menu.addAction(calendar_action)
        alerts_action = self._action("bell", self.tr("&Alert channels…"))
        alerts_action.triggered.connect(self.edit_alerts)
        settings_menu.addAction(alerts_action)
        probes_action = self._action("activity-heartbeat", self.tr("P&robes…"))
        probes_action.triggered.connect(self.edit_probe_settings)
        settings_menu.addAction(probes_action)
        language_menu = settings_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        names = {"zh_CN": "简体中文", "en": "English"}
        for code in LANGUAGES:
            action = QAction(names[code], self, checkable=True)
            action.setChecked(code == self.settings.language)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys_action = self._action("help", self.tr("&Keyboard shortcuts"))
        self._bind(keys_action, QKeySequence("F1"))
        keys_action.triggered.connect(lambda: self.show_shortcuts())
        help_menu.addAction(keys_action)
        log_action = self._action("list-details", self.tr("Show the &log"))
        log_action.triggered.connect(lambda: self.show_log())
        help_menu.addAction(log_action)
        about_action = self._action("info-circle", self.tr("&About dzdesk"))
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self._global_actions = [record_action, search_action]
        self._data_actions = [record_action, backup_action, restore_action, search_action, preferences_action,
                              profile_action, calendar_action, alerts_action, probes_action]
        for action in self._data_actions:
            action.setEnabled(False)
