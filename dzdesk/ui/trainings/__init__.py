"""培训: sessions, rosters and check-in."""
