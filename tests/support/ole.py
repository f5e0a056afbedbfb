"""OLE compound files (the container of old .xls files, and of .xlsx files encrypted with a password)
for the tests, written here rather than by a library the project would otherwise not need.

`compound_file({"EncryptionInfo": ..., "EncryptedPackage": ...})` is laid out as Excel lays out a
password-protected workbook's container: version 3 (512-byte sectors), as many FAT sectors as the size
needs, one directory sector, then each stream in whole sectors (padded to 4,096 bytes, the size from
which streams leave the mini stream, so none is needed). olefile reads it; it starts with D0 CF 11 E0.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096


def _entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack("<64sHBBIII16sIQQIQ", encoded.ljust(64, b"\0"), len(encoded), kind, 1 if name else 0,
                       left, right, child, b"\0" * 16, 0, 0, 0, start, size)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams` (up to three, up to some MB) at its root."""
    assert 1 <= len(streams) <= 3
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the order siblings are compared in
    bodies = [streams[n].ljust(max(MINI_CUTOFF, -(-len(streams[n]) // SECTOR) * SECTOR), b"\0") for n in names]
    data_sectors = sum(len(b) for b in bodies) // SECTOR
    per_fat = SECTOR // 4
    fats = 1
    while fats * per_fat < fats + 1 + data_sectors:
        fats += 1
    assert fats <= 109  # the header's own list of FAT sectors is enough
    fat = [FAT_SECTOR] * fats + [END]  # the FAT's own sectors, then the directory's one
    starts = []
    for body in bodies:
        first, count = len(fat), len(body) // SECTOR
        starts.append(first)
        fat += [first + i + 1 for i in range(count - 1)] + [END]
    fat += [FREE] * (fats * per_fat - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16, 0x3E, 3, 0xFFFE,
                         9, 6, b"\0" * 6, 0, fats, fats, 0, MINI_CUTOFF, END, 0, END, 0)
    header += struct.pack(f"<{fats}I", *range(fats)) + struct.pack("<I", FREE) * (109 - fats)
    # The root's child is the first stream; each next one is the right sibling of the one before.
    entries = [_entry("Root Entry", 5, NO_STREAM, NO_STREAM, 1, END, 0)]
    for i, (name, start) in enumerate(zip(names, starts, strict=True), start=1):
        entries.append(_entry(name, 2, NO_STREAM, i + 1 if i < len(names) else NO_STREAM, NO_STREAM, start,
                              len(streams[name])))
    while len(entries) < 4:
        entries.append(_entry("", 0, NO_STREAM, NO_STREAM, NO_STREAM, 0, 0))
    return header + struct.pack(f"<{len(fat)}I", *fat) + b"".join(entries) + b"".join(bodies)


def encrypted_workbook(plain: bytes) -> bytes:
    """What Excel saves when a password is set (File > Info > Protect Workbook > Encrypt with Password):
    the workbook's package, encrypted, inside a compound file. The content here is not really
    encrypted (no test decrypts it); the container and its streams are as Excel writes them."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption/>'
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", len(plain)) + plain[::-1]})


def old_xls() -> bytes:
    """An Excel 97-2003 workbook's container (its `Workbook` stream holds BIFF8 records)."""
    return compound_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 12})
