"""Connectivity and health probes against the platforms: DNS, TCP, TLS and HTTP(S), run concurrently.

Headless: the GUI, `dzdesk probe` and the benchmarks all run the same sweep.
"""
