"""Sync with the team's hub: the wire protocol both sides speak, the client, and one sync of a laptop or the watcher."""
