"""A chart's SVG as a PNG picture, for outputs that cannot show SVG (the Word document).

cairosvg draws into a bitmap whose size the caller fixes (at most MAX_SIDE pixels a side), so
an SVG cannot ask for a huge one. Nothing outside the SVG is read: XML entities are refused and
every URL it names (an image, a stylesheet, a file) resolves to an empty picture.

The bitmap is on white and encoded here rather than by cairo's own PNG writer: an opaque RGB
picture with the "Up" filter is as small and takes half the time, which matters with a dozen
charts in one document.
"""

from __future__ import annotations

import struct
import zlib
from xml.etree.ElementTree import ParseError

import numpy as np
from cairocffi import CairoError  # type: ignore[import-untyped]
from cairosvg.parser import Tree  # type: ignore[import-untyped]
from cairosvg.surface import PNGSurface  # type: ignore[import-untyped]

MAX_SIDE = 4096  # pixels; a 16 cm wide figure drawn at 2x needs about 1,300
_EMPTY = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
# What cairosvg raises on a malformed SVG (found by fuzzing charts): the XML parser, bad
# numbers, a singular transform, a root that is not <svg>, a <use> that refers to itself.
_FAILURES = (
    ParseError, ValueError, TypeError, IndexError, KeyError, ArithmeticError, RecursionError,
    CairoError,
)  # fmt: skip


class SvgError(ValueError):
    """The SVG cannot be drawn: malformed, empty, or asking for an impossible size."""


def svg_to_png(svg: str, width_px: int, height_px: int | None = None) -> bytes:
    """The SVG drawn `width_px` wide and `height_px` high (by default keeping its aspect ratio;
    pass the height for an SVG you do not trust, whose own ratio could be extreme)."""
    if not 0 < width_px <= MAX_SIDE or not 0 < (height_px or 1) <= MAX_SIDE:
        raise SvgError(f"A picture of {width_px} by {height_px} pixels is not drawn.")
    if not svg.strip():
        raise SvgError("The SVG is empty.")
    try:
        tree = Tree(bytestring=svg.encode(), url_fetcher=_refuse, unsafe=False)
        # No output: cairosvg draws into an image surface (when constructed) and writes nothing.
        surface = PNGSurface(
            tree, None, 96, output_width=width_px, output_height=height_px, background_color="#fff"
        )
        bitmap = surface.cairo
        bitmap.flush()
        png = _encode(
            bitmap.get_data(), bitmap.get_width(), bitmap.get_height(), bitmap.get_stride()
        )
        surface.finish()
    except _FAILURES as error:
        raise SvgError(f"The SVG cannot be drawn: {error}") from error
    return png


def _refuse(url: str, resource_type: str) -> bytes:
    return _EMPTY


def _encode(data: bytes, width: int, height: int, stride: int) -> bytes:
    """An opaque ARGB32 bitmap (native-endian 32-bit pixels) as an 8-bit RGB PNG."""
    pixels = np.frombuffer(data, dtype=np.uint32).reshape(height, stride // 4)[:, :width]
    rgb = np.empty((height, width, 3), dtype=np.uint8)
    rgb[:, :, 0] = pixels >> 16
    rgb[:, :, 1] = pixels >> 8
    rgb[:, :, 2] = pixels
    rows = rgb.reshape(height, width * 3)
    scanlines = np.empty((height, width * 3 + 1), dtype=np.uint8)
    scanlines[:, 0] = 2  # filter "Up": each byte minus the one above it (modulo 256)
    scanlines[0, 1:] = rows[0]
    np.subtract(rows[1:], rows[:-1], out=scanlines[1:, 1:])
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(scanlines.tobytes(), 6)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
