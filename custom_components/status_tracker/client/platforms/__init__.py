"""The platforms the library reads: one module each, listed in ``registry``."""

from .base import Format, Platform, Round
from .registry import PLATFORMS, detection_rounds, markers, platform_for, recognising

__all__ = [
    "PLATFORMS",
    "Format",
    "Platform",
    "Round",
    "detection_rounds",
    "markers",
    "platform_for",
    "recognising",
]
