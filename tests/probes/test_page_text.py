"""A page read as a browser reads it: the declared charset first, a stray byte costing one character."""

import codecs

import pytest

from dzdesk.probes.page_text import page_text

TEXT = "达州市工程建设项目审批管理系统 网上大厅 镕"  # 镕 is in GBK, not in GB2312


def broken(encoding: str) -> bytes:
    head, tail = TEXT[:6].encode(encoding), TEXT[6:].encode(encoding)
    return head + b"\x81" + tail


@pytest.mark.parametrize("header", ["GBK", "gb2312", "GB18030", "x-gbk"])
def test_a_declared_gbk_page_with_a_stray_byte_loses_one_character(header):
    text = page_text(broken("gbk"), header)
    assert "网上大厅" in text and "镕" in text and text.count("\ufffd") <= 1


def test_a_meta_charset_is_read_when_the_header_says_nothing():
    body = b'<html><head><meta charset="gbk"></head><body>' + broken("gbk")
    assert "网上大厅" in page_text(body)
    body = b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">' + TEXT.encode("gbk")
    assert TEXT in page_text(body)


def test_the_header_wins_over_the_meta_tag():
    body = b'<meta charset="utf-8">' + TEXT.encode("gbk")
    assert TEXT in page_text(body, "gbk")


def test_an_undeclared_page_is_read_in_the_encoding_its_bytes_fit():
    assert page_text(TEXT.encode("utf-8")) == TEXT
    assert page_text(TEXT.encode("gbk")) == TEXT
    assert "网上大厅" in page_text(broken("gbk"))
    assert "网上大厅" in page_text(broken("utf-8"))


def test_a_byte_order_mark_and_an_unknown_label():
    assert page_text(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "gbk") == TEXT
    assert page_text(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")) == TEXT
    assert page_text(TEXT.encode("gbk"), "no-such-charset") == TEXT  # an unusable label is passed over
