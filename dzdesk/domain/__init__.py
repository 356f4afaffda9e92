"""Pure domain code: no Qt, no SQLAlchemy, no HTTP. Everything here runs in any process and any test."""
