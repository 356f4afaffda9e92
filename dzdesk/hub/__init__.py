"""The reference hub: the central API every dzdesk syncs to (FastAPI; SQLite by default, PostgreSQL in production).

It keeps nothing in memory that correctness depends on: revisions, batches and tokens live in the database, so
several hub processes can serve one PostgreSQL database behind a load balancer.
"""
