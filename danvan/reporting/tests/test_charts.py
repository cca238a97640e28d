"""SVG charts: pure functions, no database."""

from xml.etree import ElementTree

from danvan.reporting import charts


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_hbars_one_bar_per_row_with_vietnamese_numbers():
    svg = charts.hbars(
        "Đơn tiếp nhận", [("Phường Hạ Long", 17385), ("Xã Bình", 0), ("Xã <Cũ>", None)]
    )
    root = parse(svg)  # well-formed, labels escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}rect")) == 3
    assert root.find(f"{ns}title").text == "Đơn tiếp nhận"
    assert "17.385" in svg and "Xã &lt;Cũ&gt;" in svg and "–" in svg
    widths = [int(r.get("width")) for r in root.findall(f"{ns}rect")]
    assert widths[0] > 0 and widths[1] == 0 and widths[2] == 0


def test_trend_lines_legend_and_points():
    svg = charts.trend(
        "Diễn biến theo quý",
        ["I/2025", "II/2025", "III/2025"],
        [("Đơn tiếp nhận", [3, 12500, 7]), ("Đơn đã xử lý", [1, 2, None])],
    )
    root = parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}polyline")) == 2
    assert len(root.findall(f"{ns}circle")) == 6
    assert "12.500" in svg and "Đơn đã xử lý" in svg and "II/2025" in svg
    assert 'role="img"' in svg and 'aria-label="Diễn biến theo quý"' in svg


def test_empty_charts_say_so():
    assert "Chưa có số liệu" in charts.hbars("Trống", [])
    assert "Chưa có số liệu" in charts.trend("Trống", [], [])
    parse(charts.trend("Trống", ["I"], [("a", [0])]))  # all zeros: no division by zero
