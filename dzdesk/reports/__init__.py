"""Documents and spreadsheets made from the store: PDFs for the customer, exports for the team."""
