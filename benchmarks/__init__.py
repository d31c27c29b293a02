"""Benchmarks: Status Page Tracker at 10 to 5,000 pages, next to the alternatives."""
