"""One parser per format: bytes in, a ``Snapshot`` or a ``StatusPageContentError`` out."""
