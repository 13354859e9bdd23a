"""segcore.encoding: the encodings real exports use, read as UTF-8 block by block."""

from __future__ import annotations

import codecs

import pytest

from segcore.encoding import Utf8Text, decode, detect


def blocks_of(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("id,ville\n1,Zürich\n".encode(), "utf-8"),
        ("\ufeffid,ville\n1,Zürich\n".encode(), "utf-8"),
        ("id,ville\n1,Zürich\n".encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + "id,ville\n1,Zürich\n".encode("utf-16-be"), "utf-16"),
        ("id,ville\n1,Zürich\n".encode("cp1252"), "windows-1252"),
        (b"id,ville\n1,Z" + "ü".encode()[:1], "utf-8"),  # a character cut by the block's end
    ],
)
def test_detect_names_the_encoding_from_the_first_block(data: bytes, expected: str) -> None:
    assert detect(data) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
@pytest.mark.parametrize("block", [1, 3, 7, 4096])
def test_the_text_is_the_same_whatever_the_encoding_and_the_blocks(encoding: str, block: int) -> None:
    text = "id;ville;montant\n1;Zürich;12,5\n2;Besançon;€ 3\n3;Øresund;\u2019quoted\u2019\n" * 3
    data = text.encode(encoding)
    utf8 = Utf8Text(blocks_of(data, block))
    assert b"".join(utf8.blocks).decode("utf-8") == text
    assert utf8.source_bytes(len(text.encode())) == len(data)


def test_utf8_bytes_pass_through_untouched_byte_order_mark_included() -> None:
    data = "\ufeffid,ville\n1,Zürich\n".encode()
    utf8 = Utf8Text(blocks_of(data, 5))
    assert b"".join(utf8.blocks) == data
    assert utf8.source_bytes(17) == 17


def test_bytes_windows_1252_leaves_unassigned_are_kept_as_distinct_characters() -> None:
    # 0x81 and 0x8d have no character in Windows-1252: read as Latin-1 rather than one
    # replacement character, so the two values stay two categories.
    data = b"id,code\n1,A\x81\n2,A\x8d\n3,caf\xe9\n"
    text = b"".join(Utf8Text([data]).blocks).decode("utf-8")
    assert text.splitlines()[1:] == ["1,A\x81", "2,A\x8d", "3,café"]


def test_decode_reads_a_whole_body_in_the_same_encodings() -> None:
    text = "id,ville\r\n1,Zürich\r\n"
    for data in (
        text.encode(),
        b"\xef\xbb\xbf" + text.encode(),
        text.encode("utf-16"),
        text.encode("cp1252"),
    ):
        assert decode(data) == text
