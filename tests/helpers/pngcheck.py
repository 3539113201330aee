#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check a PNG the way a viewer would read it, with the standard library.

pngcheck.py FILE            the signature, IHDR, chunk CRCs and IEND;
                            prints "WIDTH HEIGHT"
pngcheck.py FILE Y [X0 X1]  also decodes the pixels: prints the colours of
                            pixel row Y (from X0 to X1), "RRGGBB COUNT" per
                            colour
Exit status 1 with a message naming what is wrong.
"""
import struct
import sys
import zlib


def fail(msg):
    sys.exit('pngcheck: %s: %s' % (sys.argv[1], msg))


def chunks(data):
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        fail('no PNG signature')
    pos = 8
    while pos < len(data):
        if pos + 8 > len(data):
            fail('truncated chunk header')
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            fail('bad CRC in %s' % kind.decode('latin1'))
        yield kind, body
        pos += 12 + n


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(raw, w, h, bpp):
    stride = w * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(h):
        ft = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2,
                                  paeth(a, b, c))[ft]) & 0xff
        rows.append(line)
        prev = line
    return rows


def main():
    data = open(sys.argv[1], 'rb').read()
    kinds, idat, ihdr = [], b'', None
    for kind, body in chunks(data):
        kinds.append(kind)
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
    if not kinds or kinds[0] != b'IHDR' or kinds[-1] != b'IEND':
        fail('IHDR is not first or IEND not last')
    w, h, depth, ctype = ihdr[:4]
    if not (0 < w < 20000 and 0 < h < 20000):
        fail('size %dx%d' % (w, h))
    print(w, h)
    if len(sys.argv) < 3:
        return
    if depth != 8 or ctype not in (2, 6):
        fail('colour type %d depth %d not decoded here' % (ctype, depth))
    bpp = 3 if ctype == 2 else 4
    rows = unfilter(zlib.decompress(idat), w, h, bpp)
    y = int(sys.argv[2])
    counts = {}
    x0, x1 = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 \
        else (0, w)
    for x in range(max(x0, 0), min(x1, w)):
        px = '%02x%02x%02x' % tuple(rows[y][x * bpp:x * bpp + 3])
        counts[px] = counts.get(px, 0) + 1
    for px, n in sorted(counts.items()):
        print(px, n)


main()
