"""One parser per format; each turns bytes into a ``Snapshot`` or raises ``StatusPageContentError``."""
