from __future__ import annotations

from pathlib import Path

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caucasus Wire</title><link>https://wire.example/</link><description>News</description>
<item>
  <title>Talks in Baku</title>
  <link>https://wire.example/talks</link>
  <guid isPermaLink="false">wire-0001</guid>
  <pubDate>Tue, 20 Jan 2026 23:30:00 -0500</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>The foreign ministers met in <b>Baku</b> on Monday.</p>
    <p>Both sides said they expected progress.</p><script>track()</script>]]></content:encoded>
</item>
<item>
  <title>No body</title>
  <link>https://wire.example/empty</link>
</item>
<item>
  <title>Summary only</title>
  <link>https://wire.example/summary</link>
  <description>Officials in Tbilisi &amp; Yerevan welcomed the statement.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Levant Letters</title>
  <id>urn:example:levant</id>
  <updated>2026-01-05T10:00:00Z</updated>
  <entry>
    <title>Envoy visits Beirut</title>
    <id>tag:levant.example,2026:1</id>
    <link href="https://levant.example/envoy"/>
    <published>2026-01-04T08:00:00+02:00</published>
    <updated>2026-01-05T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The envoy arrived in Beirut on Sunday.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_feed_rss_entries_become_documents(tmp_path: Path, read_all) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    docs, errors = read_all([str(path)], default_date="2026-03-01")
    assert [(d.line, d.title) for d in docs] == [(1, "Talks in Baku"), (3, "Summary only")]
    first, third = docs
    assert (
        first.text
        == "The foreign ministers met in Baku on Monday.\n\nBoth sides said they expected progress."
    )
    assert (first.id, first.url, first.source, first.format) == (
        "wire-0001",
        "https://wire.example/talks",
        "Caucasus Wire",
        "feed",
    )
    # The publisher's own date, not the UTC one (2026-01-21).
    assert first.date == "2026-01-20"
    assert third.text == "Officials in Tbilisi & Yerevan welcomed the statement."
    assert third.id == "https://wire.example/summary"
    assert third.date == "2026-03-01"
    assert [(e.line, e.reason) for e in errors] == [(2, "entry 2: no text")]


def test_feed_atom_entry_is_read(tmp_path: Path, read_all) -> None:
    path = tmp_path / "levant.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs, errors = read_all([str(path)])
    assert errors == []
    (doc,) = docs
    assert doc.text == "The envoy arrived in Beirut on Sunday."
    assert (doc.id, doc.url, doc.date, doc.source) == (
        "tag:levant.example,2026:1",
        "https://levant.example/envoy",
        "2026-01-04",
        "Levant Letters",
    )


def test_feed_sniffed_from_xml_extension_and_content(tmp_path: Path, read_all) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "feed-no-ext").write_text(RSS, encoding="utf-8")
    docs, _ = read_all([str(tmp_path / "feed.xml"), str(tmp_path / "feed-no-ext")])
    assert [d.format for d in docs] == ["feed", "feed", "feed"]


def test_feed_broken_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Half', encoding="utf-8")
    docs, errors = read_all([str(path)])
    assert docs == []
    assert len(errors) == 1
    assert errors[0].origin == str(path)
    assert errors[0].line is None


def test_feed_xml_that_is_not_a_feed_is_an_error(tmp_path: Path, read_all) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><config><value>1</value></config>', encoding="utf-8")
    docs, errors = read_all([str(path)])
    assert docs == []
    assert len(errors) == 1
