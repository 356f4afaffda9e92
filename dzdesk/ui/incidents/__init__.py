"""故障: the incident list, its editor and the deadline warnings."""
