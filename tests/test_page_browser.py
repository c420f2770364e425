"""graph.html in a real, offline Chromium (Debian's ``chromium``, see ``.ci/browser-deps``).

Every request that is not the page file itself is blocked and recorded: the page must
work with none. Screenshots go to ``tests/artifacts/`` (git-ignored) for a human look at
the Chinese rendering.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"

import playwright.sync_api as playwright_api  # noqa: E402  (the test extra installs it)


@pytest.fixture(scope="session", autouse=True)
def _chromium_installed():
    # No skip: a machine without Chromium fails here and says what to install.
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `bash .ci/browser-deps` (CI does)")

ESCAPE_PAPER = """煤矿党建工作创新研究

一、以党建引领安全生产

西铭矿党委推行“物资管理二维码追溯系统”<script>window.pwned=1</script><img src=x onerror="window.pwned=2">，实现从采购、入库到领用的全流程监管，2024年库存周转率提升27%。
"""


@pytest.fixture(scope="session")
def browser() -> Iterator:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


class Opened:
    """A page opened from a file, with what it tried to fetch and what it logged."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        # The page freezes physics once stabilised; wait for that so clicks hit still nodes.
        # (Polled from Python: wait_for_function evals a string, which the page's CSP forbids.)
        for _ in range(300):
            if self.page.evaluate("() => !!(window.minekg && window.minekg.state.frozen)"):
                break
            self.page.wait_for_timeout(100)
        else:
            raise AssertionError("the page never froze its layout")

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.url:
            route.continue_()
        else:  # blocked and remembered: the page must not need it
            self.requests.append(url)
            route.abort()

    def dom_position(self, node_id: str) -> tuple[float, float]:
        """Page coordinates of a node's centre."""
        xy = self.page.evaluate(
            """(id) => { const m = window.minekg, p = m.network.getPositions([id])[id];
                 const d = m.network.canvasToDOM(p), r = document.getElementById('mynetwork').getBoundingClientRect();
                 return [d.x + r.left, d.y + r.top]; }""", node_id)
        return xy[0], xy[1]


@pytest.fixture()
def opened(browser, built) -> Iterator[Opened]:
    o = Opened(browser, built / "graph.html")
    yield o
    o.page.close()


def test_page_loads_offline_without_errors(opened: Opened, projected) -> None:
    assert opened.errors == []
    assert opened.requests == []
    assert opened.page.evaluate("window.minekg.nodes.length") == projected.number_of_nodes()
    assert opened.page.evaluate("window.minekg.edges.length") == projected.number_of_edges()
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "graph.png"))


def test_colours_and_safety_stand_out(opened: Opened, projected) -> None:
    """The colours drawn are the page's own (vis groups once painted over them) and
    safety outcomes have the thick dark-red border."""
    drawn = opened.page.evaluate(
        """() => window.minekg.nodes.get().map(n => { const o = window.minekg.network.body.nodes[n.id].options;
             return [n.id, o.color.background, o.color.border, o.borderWidth]; })""")
    colours = {"organisation": "#4e79a7", "practice": "#59a14f"}
    for node, background, border, width in drawn:
        d = projected.nodes[node]
        if d["kind"] in colours:
            assert background == colours[d["kind"]]
        elif d["group"] == "safety":
            assert (background, border, width) == ("#e15759", "#8b0000", 4)
        else:
            assert width == 1 and border != "#8b0000"


def test_size_grows_with_degree(opened: Opened, projected) -> None:
    size = dict(opened.page.evaluate("() => window.minekg.nodes.get().map(n => [n.id, n.size])"))
    practices = sorted((n for n, d in projected.nodes(data=True) if d["kind"] == "practice"), key=projected.degree)
    assert size[practices[0]] < size[practices[-1]]


def test_kind_filter_hides_nodes(opened: Opened, projected) -> None:
    outcomes = {n for n, d in projected.nodes(data=True) if d["kind"] == "outcome"}
    opened.page.uncheck("#kinds input[data-key=outcome]")
    hidden = set(opened.page.evaluate(
        "window.minekg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert hidden == outcomes
    assert opened.page.evaluate("window.minekg.state.kinds.outcome") is False
    opened.page.check("#kinds input[data-key=outcome]")
    assert opened.page.evaluate("window.minekg.nodes.get({filter: n => n.hidden}).length") == 0


def test_category_and_organisation_filters(opened: Opened, projected) -> None:
    safety = {n for n, d in projected.nodes(data=True) if d["kind"] == "outcome" and d["group"] == "safety"}
    opened.page.uncheck("#categories input[data-key=safety]")
    hidden = set(opened.page.evaluate("window.minekg.nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert hidden == safety
    opened.page.check("#categories input[data-key=safety]")
    org = next(n for n, d in projected.nodes(data=True) if d["kind"] == "organisation" and projected.out_degree(n))
    opened.page.select_option("#orgsel", org)
    shown = set(opened.page.evaluate("window.minekg.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    assert org in shown and set(projected.successors(org)) <= shown
    assert not any(projected.nodes[n]["kind"] == "organisation" for n in shown - {org})


def _evidence_target(projected) -> tuple[str, str]:
    """The 572-hazards outcome and its evidence sentence."""
    for s, o, e in projected.edges(data=True):
        if e["rel"] == "contributesTo" and "572" in projected.nodes[o]["label"]:
            return o, e["sentence"]
    raise AssertionError("no 572 outcome in the bundled papers")


def test_hover_and_click_show_evidence(opened: Opened, projected) -> None:
    node, sentence = _evidence_target(projected)
    opened.page.evaluate("(id) => window.minekg.network.focus(id, {scale: 1.5})", node)
    x, y = opened.dom_position(node)
    opened.page.mouse.move(x, y)
    tip = opened.page.locator("#tip")
    tip.wait_for(state="visible", timeout=5000)
    assert sentence in tip.text_content()
    opened.page.mouse.move(5, 890)
    opened.page.mouse.click(x, y)
    tip.wait_for(state="visible", timeout=5000)
    assert sentence in tip.text_content()
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "tooltip.png"))
    assert opened.errors == [] and opened.requests == []


def test_search_finds_node_by_name(opened: Opened, projected) -> None:
    node = next(n for n, d in projected.nodes(data=True) if "三三制隐患排查法" in d["label"])
    opened.page.fill("#search", "三三制")
    assert opened.page.evaluate("window.minekg.network.getSelectedNodes()") == [node]
    assert "1" in opened.page.locator("#searchinfo").text_content()


def test_legend_lists_kinds_and_categories(opened: Opened) -> None:
    legend = opened.page.locator("#panel").text_content()
    for word in ("组织", "做法", "成效", "safety", "安全"):
        assert word in legend


def test_paper_text_is_never_html(browser, tmp_path: Path) -> None:
    from graph.network import project
    from graph.project import build_project
    from graph.store import open_graph

    (tmp_path / "paper.txt").write_text(ESCAPE_PAPER, encoding="utf-8")
    build_project([tmp_path / "paper.txt"], tmp_path / "out")
    g = project(open_graph(tmp_path / "out" / "store"))
    outcome = next(o for s, o, e in g.edges(data=True) if e["rel"] == "contributesTo" and "<script>" in e["sentence"])
    o = Opened(browser, tmp_path / "out" / "graph.html")
    try:
        assert o.page.evaluate("typeof window.pwned") == "undefined"
        assert o.page.locator("img").count() == 0
        o.page.evaluate("(id) => window.minekg.network.focus(id, {scale: 1.5})", outcome)
        x, y = o.dom_position(outcome)
        o.page.mouse.click(x, y)
        tip = o.page.locator("#tip")
        tip.wait_for(state="visible", timeout=5000)
        text = tip.text_content()
        assert "<script>window.pwned=1</script>" in text and '<img src=x onerror="window.pwned=2">' in text
        assert tip.locator("script, img").count() == 0
        assert o.page.evaluate("typeof window.pwned") == "undefined"
        assert o.errors == [] and o.requests == []
    finally:
        o.page.close()


def test_page_says_what_it_left_out(browser, projected, tmp_path: Path) -> None:
    from graph.viz import write_html

    path = write_html(projected, tmp_path / "small.html", heading="/*GRAPH_DATA*/ <b>x</b>", max_nodes=50)
    o = Opened(browser, path)
    try:
        assert o.page.evaluate("window.minekg.nodes.length") == 50
        note = o.page.locator("#note").text_content()
        assert f"省略 {projected.number_of_nodes() - 50} 个" in note and "做法" in note
        assert o.page.locator("h1").text_content() == "/*GRAPH_DATA*/ <b>x</b>"
        assert o.errors == [] and o.requests == []
    finally:
        o.page.close()
