"""dzdesk: the operations desk for Dazhou's credit platform and project approval system."""

__version__ = "0.1.0"
APP_NAME = "dzdesk"
