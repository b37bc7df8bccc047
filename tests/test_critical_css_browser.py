"""A book page paints from its inlined critical CSS, and its full stylesheets still load and win.

The build inlines each page's critical rules (Beasties) and loads the stylesheets
without blocking the first paint. A learner on a slow connection must see the
first screen laid out and in the chosen colour scheme before the stylesheets
arrive, and then nothing move; and once they arrive the page must look exactly as
it would with the stylesheets loaded the ordinary way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import PageWatch

pytestmark = pytest.mark.browser

#: one page of every kind a learner or facilitator opens
PAGES = (
    "book/intro.html",
    "book/modules/m3-one-size.html",
    "book/scenarios/surgery.html",
    "book/record/index.html",
    "book/workshop/half-day.html",
)


class HeadLinks(HTMLParser):
    """The stylesheet links in <head>, and whether each sits in a <noscript>."""

    def __init__(self):
        super().__init__()
        self.in_head = self.in_noscript = False
        self.links: list[tuple[dict, bool]] = []
        self.critical = 0

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "noscript":
            self.in_noscript = True
        elif self.in_head and tag == "link" and "stylesheet" in (dict(attrs).get("rel") or ""):
            self.links.append((dict(attrs), self.in_noscript))
        elif self.in_head and tag == "style" and dict(attrs).get("id") == "critical-css":
            self.critical += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "noscript":
            self.in_noscript = False


@pytest.mark.parametrize("path", PAGES)
def test_no_stylesheet_blocks_the_first_paint(site, path):
    html = (site / path).read_text(encoding="utf-8")
    head = HeadLinks()
    head.feed(html)
    assert head.critical == 1, "the page's critical CSS is not inlined"
    critical = re.search(r'<style id="critical-css">(.*?)</style>', html, re.S).group(1)
    assert ".bd-header" in critical and "--pst-color-background" in critical
    live = [attrs for attrs, hidden in head.links if not hidden]
    fallback = {attrs["href"] for attrs, hidden in head.links if hidden}
    # the page's screen stylesheets, joined into one (so the page is restyled once when it arrives)
    screen = [a for a in live if a.get("onload")]
    assert len(screen) == 1, [a["href"] for a in screen]
    joined = (site / path).parent.joinpath(screen[0]["href"]).resolve().read_text(encoding="utf-8")
    for rule in (
        ".bd-sidebar-primary",
        ".sd-card",
        "div.highlight",
        "div.cell_output",
    ):  # theme, design, code, notebooks
        assert rule in joined, f"{rule} is missing from {screen[0]['href']}"
    for attrs in live:
        # a screen stylesheet loads as print (which does not block) and switches itself on;
        # a print-only stylesheet stays print-only
        assert attrs.get("media") == "print", f"{attrs['href']} blocks the first paint"
        if attrs.get("onload"):
            assert attrs["onload"] == "this.media='all'"
            assert attrs["href"] in fallback, (
                f"{attrs['href']} has no <noscript> link for readers without JavaScript"
            )


#: every running transition and animation finished (or the page's own never-ending ones set aside)
SETTLED = """() => Promise.race([
  Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 5000)),
])"""

#: what the test compares: enough of every element's box and colours to see a missing rule
COMPUTED = """() => [...document.querySelectorAll('body *:not(script):not(style):not(noscript)')].map(e => {
  const s = getComputedStyle(e);
  return [e.tagName, e.className && String(e.className), s.display, s.position, s.color, s.backgroundColor,
          s.fontSize, s.fontWeight, s.marginTop, s.paddingLeft, s.borderTopWidth, s.width].join('|');
})"""


def _as_built_before(html: str) -> str:
    """The same page with its stylesheets loaded the ordinary, blocking way and nothing inlined."""
    html = re.sub(r'<style id="critical-css">.*?</style>', "", html, flags=re.S)
    return html.replace(' media="print" onload="this.media=\'all\'"', "")


@pytest.mark.parametrize("path", ["book/modules/m3-one-size.html", "book/scenarios/surgery.html"])
def test_once_loaded_every_element_is_styled_as_with_blocking_stylesheets(page, base_url, path):
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("networkidle")
    deferred = page.evaluate(
        "() => [...document.querySelectorAll('head link[rel=stylesheet]')].filter(l => l.media !== 'all' && l.onload).length"
    )
    assert deferred == 0, "a deferred stylesheet never switched itself on"
    # a rule that arrives with the stylesheet may start a colour transition; compare where it ends
    page.evaluate(SETTLED)
    loaded = page.evaluate(COMPUTED)

    reference = page.context.new_page()
    watch = PageWatch(reference, base_url)

    def ordinary(route):
        response = route.fetch()
        route.fulfill(response=response, body=_as_built_before(response.text()))

    reference.route(f"{base_url}/{path}", ordinary)
    reference.goto(f"{base_url}/{path}")
    reference.wait_for_load_state("networkidle")
    assert reference.locator("#critical-css").count() == 0
    reference.evaluate(SETTLED)
    expected = reference.evaluate(COMPUTED)
    watch.assert_clean()
    reference.close()
    assert len(loaded) == len(expected)
    differing = [(i, a, b) for i, (a, b) in enumerate(zip(loaded, expected, strict=True)) if a != b]
    assert differing == [], differing[:5]


def _hold_stylesheets(page) -> list:
    """Keep every stylesheet request waiting until the test lets it through."""
    held: list = []
    page.route(re.compile(r".*\.css(\?.*)?$"), lambda route: held.append(route))
    return held


#: where the first screen's parts are, and the colours a reader sees
FIRST_SCREEN = """() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null;
                     const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; };
  return {header: box('.bd-header-article'), title: box('main h1'), first: box('main h1 ~ p, main section p'),
          background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.querySelector('main h1')).color,
          font: getComputedStyle(document.querySelector('main h1')).fontSize};
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_first_screen_paints_before_the_stylesheets_and_does_not_move(browser, base_url, mode):
    context = browser.new_context(viewport={"width": 412, "height": 823})  # a phone, as Lighthouse's
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
    )
    try:
        page = context.new_page()
        watch = PageWatch(page, base_url)
        held = _hold_stylesheets(page)
        page.goto(f"{base_url}/book/modules/m3-one-size.html", wait_until="domcontentloaded")
        page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'")
        assert held, "no stylesheet was requested"
        assert (
            page.evaluate(
                "[...document.styleSheets].filter(s => s.href && s.media.mediaText === 'all').length"
            )
            == 0
        )
        early = page.evaluate(FIRST_SCREEN)
        for route in held:
            route.continue_()
        page.unroute(re.compile(r".*\.css(\?.*)?$"))
        page.wait_for_load_state("networkidle")
        late = page.evaluate(FIRST_SCREEN)
        assert early == late  # laid out, in the reader's colours, from the inlined rules alone
        channels = [int(c) for c in re.findall(r"\d+", late["background"])[:3]]
        assert (sum(channels) < 3 * 80) if mode == "dark" else (sum(channels) > 3 * 200), late["background"]
        watch.assert_clean()
    finally:
        context.close()


def test_without_javascript_the_full_stylesheets_load(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/book/modules/m3-one-size.html")
        page.wait_for_load_state("networkidle")
        # the <noscript> link: the joined stylesheet is in force, and with it the theme's layout
        active = page.evaluate(
            "[...document.styleSheets].filter(s => s.href && /coprod-[0-9a-f]+[.]css/.test(s.href) && s.media.mediaText !== 'print').length"
        )
        assert active == 1
        assert page.evaluate("getComputedStyle(document.querySelector('.bd-main')).display") == "flex"
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.bd-footer-content')).paddingTop")
            != "0px"
        )
    finally:
        context.close()


#: the theme's icon fonts, by the family and weight a rule asks for
ICON_FONTS = {
    ("Font Awesome 6 Free", "900"): "fa-solid-900.woff2",
    ("Font Awesome 6 Free", "400"): "fa-regular-400.woff2",
    ("Font Awesome 6 Brands", "400"): "fa-brands-400.woff2",
}

#: every icon a page draws: the character of each ::before and ::after set in an icon font
ICONS = """() => [...document.querySelectorAll('body *')].flatMap(el => ['::before', '::after'].map(pseudo => {
  const s = getComputedStyle(el, pseudo);
  const family = s.fontFamily.replace(/["']/g, '').split(',')[0].trim();
  if (!family.startsWith('Font Awesome') || !s.content || !s.content.startsWith('"')) return null;
  return {family, weight: s.fontWeight, text: JSON.parse(s.content), where: el.tagName + '.' + (el.getAttribute('class') || '')};
})).filter(Boolean)"""


@pytest.mark.parametrize("path", PAGES)
def test_every_icon_a_page_draws_is_in_the_small_icon_font_it_loads(page, site, base_url, path):
    # the build cuts the icon fonts (156 KB for the solid set alone) to the glyphs the stylesheets use;
    # an icon whose glyph was cut would show as an empty box in the header or a dropdown
    from fontTools.ttLib import TTFont

    folder = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    glyphs = {key: set(TTFont(folder / name).getBestCmap()) for key, name in ICON_FONTS.items()}
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("networkidle")
    icons = page.evaluate(ICONS)
    drawn = [icon for icon in icons if any(0xE000 <= ord(ch) <= 0xF8FF for ch in icon["text"])]
    assert len(drawn) >= 5, icons  # search, menu, the three colour-scheme icons at least
    for icon in drawn:
        font = (icon["family"], icon["weight"])
        assert font in glyphs, f"{icon['where']} asks for {font}, which the theme does not ship"
        missing = [hex(ord(ch)) for ch in icon["text"] if ord(ch) not in glyphs[font]]
        assert not missing, f"{icon['where']} draws {missing}, which {ICON_FONTS[font]} does not hold"
    for name in ICON_FONTS.values():
        assert (folder / name).stat().st_size < 20_000, f"{name} was not cut down"
