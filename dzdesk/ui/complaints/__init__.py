"""投诉: complaints and their one-week reply clock."""
