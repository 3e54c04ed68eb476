"""Widgets of the viewer, one per module."""
