"""Checking a declaration: an uploaded PDF or a serial number, against the registry.

One verdict with its reasons; untrusted input never raises.
"""
