"""`dzdesk watch`: the team's always-on member. It syncs like a laptop, sweeps the team's targets on the team's
schedule, sends its results to the hub, and tells the team's groups what needs telling."""
