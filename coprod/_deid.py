"""Kept so that existing imports work: the check lives in :mod:`coprod.privacy`."""

from .privacy import CHARACTER_NOTE, DEID_PATTERNS, PATTERN_FILE, Finding, find_identifying

__all__ = ["CHARACTER_NOTE", "DEID_PATTERNS", "PATTERN_FILE", "Finding", "find_identifying"]
