"""The PySide6 desktop interface. Every Qt import of dzdesk lives under this package."""
