"""Reading people's spreadsheets: rosters now, indicator exports later. Nothing is written until confirmed."""
