"""Pages that readers of a long register or history can take in on a phone (issue 22, items 3–6).

The rules are tested on the fixture content (tests/fixtures/content/valid); the real site is
held only to invariants that any valid content meets: a height budget per decision and per
history entry, never a height for today's number of them.
"""

import dataclasses
import re
import shutil
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import markdown
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from macros import content
from macros.figures import FigureRenderer, year_spans
from macros.links import Site
from macros.render import CalendarRenderer, Renderer
from scripts import sitebuild

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


@pytest.fixture(scope="module")
def fixture_renderer() -> Renderer:
    return Renderer(content.load(VALID))


def html(text) -> BeautifulSoup:
    """What MkDocs makes of a macro's Markdown (headings with attributes, HTML blocks as they are)."""
    return BeautifulSoup(markdown.markdown(str(text), extensions=["attr_list", "md_in_html", "tables"]), "html.parser")


# ---- Fixture content: the rules ------------------------------------------------------------------


@pytest.mark.snabb
def test_decisions_say_what_was_decided_and_fold_the_rest(fixture_renderer):
    decisions = fixture_renderer.content.decisions
    page = html(fixture_renderer.decisions())
    # The summary says what was decided (the heading of each entry), not only when and who.
    summary = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in page.select("table.ma-table--decisions tbody tr")]
    assert [row[1] for row in summary] == [d.rubrik for d in sorted(decisions.values(), key=lambda d: d.datum.sort_key)]
    for decision in decisions.values():
        heading = page.find(id=decision.id)
        facts = heading.find_next_sibling("dl")
        labels = [dt.get_text() for dt in facts.find_all("dt")]
        assert labels[:3] == ["Beslut", "Vem och när", "Diarienummer"], decision.id
        # The quotes are in one closed fold after the facts, never printed in full.
        fold = facts.find_next_sibling("details")
        assert fold is not None and not fold.has_attr("open"), decision.id
        assert [q.get_text() for q in fold.find_all("q")] and not facts.find("q")
        # The source is a link into the page's one sources list, not the source's title again.
        links = [(a["href"], a.get_text()) for a in facts.find_all("a")]
        assert links == [(f"#kalla-{ref}", fixture_renderer.source_short(ref)) for ref in decision.källa]


@pytest.mark.snabb
def test_notes_and_recipients_fold_with_the_quotes(fixture_renderer):
    decisions = fixture_renderer.content.decisions
    decision = next(iter(decisions.values()))
    changed = {**decisions, decision.id: dataclasses.replace(decision, anmärkning="En anmärkning.", skickas_till=["Nämnd A", "Nämnd B"])}
    renderer = Renderer(dataclasses.replace(fixture_renderer.content, decisions=changed))
    page = html(renderer.decisions())
    facts = page.find(id=decision.id).find_next_sibling("dl")
    fold = facts.find_next_sibling("details")
    assert "En anmärkning" not in facts.get_text() and "Nämnd A" not in facts.get_text()
    assert fold.find("summary").get_text() == "Att tänka på, mottagare och citat"
    assert "En anmärkning." in fold.get_text() and "Nämnd A, Nämnd B" in fold.get_text()


@pytest.mark.snabb
def test_every_source_in_the_list_can_be_pointed_at(fixture_renderer):
    sources = fixture_renderer.content.sources
    listed = html(fixture_renderer.sources(list(sources)))
    assert [li["id"] for li in listed.select("ol.ma-sources > li")] == [f"kalla-{ref}" for ref in sources]


@pytest.mark.snabb
def test_a_source_the_page_leaves_out_still_gets_listed_for_its_entries():
    """An editor adds a decision with a new source but not to the page's kallor(...): the link
    from the entry must still find the source in the list."""
    renderer = Renderer(content.load(VALID))
    page = SimpleNamespace(url="beslut/")
    cited = {ref for d in renderer.content.decisions.values() for ref in d.källa}
    assert len(cited) > 1
    named = [sorted(cited)[0]]
    assert renderer.page_sources(page, named) == named  # nothing rendered on the page yet
    renderer.decisions(page)
    listed = renderer.page_sources(page, named)
    assert listed[0] == named[0] and set(listed) == cited and len(listed) == len(set(listed))
    assert renderer.page_sources(SimpleNamespace(url="annan/"), named) == named  # per page


@pytest.mark.snabb
def test_history_entries_point_into_the_sources_list_without_repeating_it(fixture_renderer):
    page = html(fixture_renderer.timeline(SimpleNamespace(url="historik/")))
    entries = page.select("li.ma-timeline__entry")
    assert len(entries) == len(fixture_renderer.content.timeline)
    for entry, item in zip(entries, fixture_renderer.content.timeline, strict=True):
        links = [(a["href"], a.get_text()) for a in entry.select(".ma-timeline__meta a[href^='#kalla-']")]
        assert links == [(f"#kalla-{item.källa}", fixture_renderer.source_short(item.källa))]
        assert not entry.find("q"), "the quotes are under the source in the sources list"


def calendar_for(renderer: Renderer, repealed: bool, events: list) -> CalendarRenderer:
    """The calendar of the fixture content, its plan repealed or not, with ``events``."""
    plans = {key: dataclasses.replace(plan, upphävd=plan.upphävd if repealed else None) for key, plan in renderer.content.plans.items()}
    fixture = dataclasses.replace(renderer.content, plans=plans, events=events)
    return CalendarRenderer(Renderer(fixture), datetime(2026, 3, 20, 12, tzinfo=ZoneInfo("Europe/Stockholm")), Site("https://exempel.se/"))


UPCOMING = SimpleNamespace(ends=datetime(2026, 4, 1, 12, tzinfo=ZoneInfo("Europe/Stockholm")))


@pytest.mark.snabb
@pytest.mark.parametrize(
    "repealed, events, invites, empty",
    [
        (True, [], False, "Inga nya evenemang är planerade."),
        (True, [UPCOMING], True, None),
        (False, [], True, "Inga kommande evenemang just nu."),
    ],
    ids=["upphävd-utan-evenemang", "upphävd-med-kommande", "gällande-plan"],
)
def test_the_calendar_invites_subscribers_only_while_something_is_to_come(fixture_renderer, repealed, events, invites, empty):
    calendar = calendar_for(fixture_renderer, repealed, events)
    subscription = html(calendar.subscription(SimpleNamespace(url="kalender/")))
    assert (subscription.find(id="prenumerera") is not None) == invites
    assert (subscription.select_one(".ma-subscribe__url") is not None) == invites
    if empty is not None:
        assert calendar.nothing_upcoming() == empty
        assert calendar.nothing_upcoming(of_type=True) == empty.replace(" evenemang", " evenemang av den här typen", 1)


@pytest.mark.snabb
def test_the_start_page_status_names_no_anchor_of_the_editors_text(fixture_renderer):
    """The box links the decision and the history; the start page's own text links its heading
    "Vad gäller nu?", so an editor who renames that heading breaks no link the code wrote."""
    lead = BeautifulSoup(str(fixture_renderer.status_lead(SimpleNamespace(url=""))), "html.parser")
    assert lead.find_all("a") and not lead.select('a[href^="#"]')


@pytest.mark.snabb
def test_years_without_a_report_are_said_once_in_runs(fixture_renderer):
    assert year_spans([2024, 2017, 2020, 2021, 2022]) == ["2017", "2020–2022", "2024"]
    register = html(FigureRenderer(fixture_renderer, Site("https://exempel.se/")).report_index(SimpleNamespace(url="arsrapporter/")))
    assert register.select("tbody tr") == []  # the fixture has no report: no row per missing year
    assert "ingen årsrapport för 2021–2024." in " ".join(register.select_one("p.ma-note").get_text().split())


@pytest.mark.snabb
def test_a_reports_figures_keep_value_and_unit_together(fixture_renderer):
    figures = html(FigureRenderer(fixture_renderer, Site("https://exempel.se/")).report_figures(SimpleNamespace(url="arsrapporter/2023/"), 2023))
    cells = {td["data-label"]: td.get_text() for td in figures.select("tbody td")}
    assert cells == {"Värde": "cirka 400 personer", "Avser": "2023"}


# ---- The real site in a browser: invariants any valid content meets ------------------------------

# At 360 px, what one entry may take: a decision is its heading, what was decided, who and when,
# the case number, its source links and the one line that opens the rest (notes, recipients,
# quotes); a history entry its date and title, its text and one line of decision and source; a
# row of the phone summary the date, body and paragraph, and what was decided. Budgets per entry,
# so that a new decision or event never turns a test red, while printing the quotes or the source
# in full again would.
DECISION_BUDGET = 340
SUMMARY_ROW_BUDGET = 120
HISTORY_ENTRY_BUDGET = 280

ENTRY_HEIGHTS = """() => [...document.querySelectorAll('h3.ma-decision__title')].map(h => {
  let last = h;
  for (let el = h.nextElementSibling; el && !el.matches('h2, h3'); el = el.nextElementSibling) last = el;
  return {id: h.id, height: last.getBoundingClientRect().bottom - h.getBoundingClientRect().top};
})"""


@pytest.mark.browser
def test_every_decision_fits_its_phone_budget(page: Page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/beslut/")
    entries = page.evaluate(ENTRY_HEIGHTS)
    assert entries, "no decisions on the page"
    assert [e for e in entries if e["height"] > DECISION_BUDGET] == []
    rows = page.locator("table.ma-table--decisions tbody tr")
    heights = rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    assert len(heights) == len(entries) and max(heights) <= SUMMARY_ROW_BUDGET
    # The phone summary shows what was decided: each row's heading text is on screen.
    for index in range(len(entries)):
        expect(rows.nth(index).locator("td").first).to_be_visible()
    # The quotes are on the page but folded away.
    quotes = page.locator("h3.ma-decision__title ~ details q")
    assert quotes.count() > 0 and not any(quotes.evaluate_all("qs => qs.map(q => q.checkVisibility())"))


@pytest.mark.browser
def test_every_history_entry_fits_its_phone_budget(page: Page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/historik/")
    heights = page.locator("li.ma-timeline__entry").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and max(heights) <= HISTORY_ENTRY_BUDGET, heights


@pytest.mark.browser
def test_decision_labels_stay_whole_on_a_320_px_phone(page: Page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/beslut/")
    split = page.evaluate(
        """() => [...document.querySelectorAll('dl.ma-decision dt')].filter(dt => {
             const range = document.createRange(); range.selectNodeContents(dt);
             return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
           }).map(dt => dt.textContent)"""
    )
    assert "Diarienummer" in page.locator("dl.ma-decision dt").all_inner_texts()
    assert split == []


# The focused element, unless it is in the header itself (or the skip link, which shows over it):
# is any of it under the sticky header?
UNDER_HEADER = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e.closest('.md-header, .md-skip')) return null;
  const r = e.getBoundingClientRect(), header = document.querySelector('.md-header').getBoundingClientRect();
  return r.top < header.bottom && r.bottom > header.top ? (e.textContent || '').trim().slice(0, 40) : null;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_focus_is_never_under_the_sticky_header(page: Page, key):
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 360, "height": 700})
    page.goto("/beslut/")
    if key == "Shift+Tab":  # backwards from the end, where the browser scrolls up to each stop
        page.locator(".md-footer a").last.focus()
    covered = []
    for _ in range(60):
        page.keyboard.press(key)
        if (what := page.evaluate(UNDER_HEADER)) is not None:
            covered.append(what)
    assert covered == []


# ---- The contact route -----------------------------------------------------------------------------

UNCONFIRMED = {"bekräftad": False, "ansvarig": None, "e_post": None, "telefon": None, "formulär": None}


@pytest.mark.snabb
def test_check_reminds_editors_of_a_missing_contact_route_without_failing(tmp_path, capsys, monkeypatch):
    from macros import check, contact

    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check.main(project) == 0
    out = capsys.readouterr().out
    assert "Innehållet är i ordning." in out
    assert "data/kontakt.yml: Obs! Webbplatsen har ingen bekräftad kontaktväg utan konto" in out
    assert "::warning file=data/kontakt.yml,line=1,title=Kontaktväg saknas::Obs!" in out
    # Not a fil:rad line, so the pull request's comment never lists the reminder as an error.
    from scripts.github_pages import CHECK_LINE

    assert not CHECK_LINE.fullmatch(contact.notice(UNCONFIRMED))
    # Once the owner has confirmed a route, the reminder goes.
    assert contact.notice({**UNCONFIRMED, "bekräftad": True, "formulär": "https://exempel.se/synpunkter"}) is None
    assert contact.notice({**UNCONFIRMED, "e_post": "a@exempel.se"}) is not None, "not confirmed yet"


@pytest.mark.snabb
def test_no_route_means_no_link_anywhere_in_the_contact_paragraph():
    from macros import contact

    paragraph = BeautifulSoup(contact.route_html(UNCONFIRMED), "html.parser")
    assert paragraph.find("a") is None
    assert "ingen e-postadress" in paragraph.get_text()


def guide_contact_example() -> str:
    """The data/kontakt.yml that REDAKTORER.md §11 tells editors to write (its made-up address)."""
    guide = (sitebuild.ROOT / "REDAKTORER.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 11. Kontaktvägen"):]
    return section[section.index("```yaml\n") + len("```yaml\n"):section.index("```\n\n")]


@pytest.mark.bygger
def test_a_confirmed_route_reaches_every_footer_the_404_and_the_statement(tmp_path):
    """REDAKTORER.md §11 done as written: the route shows everywhere it should."""
    project = sitebuild.copy_site(tmp_path / "project")
    (project / "data" / "kontakt.yml").write_text(guide_contact_example(), encoding="utf-8")
    address = "mailto:synpunkter@exempel.se"
    result = sitebuild.build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    trees = {page: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser") for page in result.site_dir.rglob("*.html")}
    with_footer = {page: tree for page, tree in trees.items() if tree.select_one(".ma-footer")}  # not the redirect pages
    assert len(with_footer) > 10
    for page, tree in with_footer.items():
        assert tree.select_one(f".ma-footer__contact a[href='{address}']") is not None, page
    assert trees[result.site_dir / "404.html"].select_one(f".ma-404-contact a[href='{address}']") is not None
    for path in ("tillganglighet", "om-webbplatsen", "personuppgifter"):
        assert trees[result.site_dir / path / "index.html"].select_one(f".ma-contact a[href='{address}']") is not None, path
    assert "Stadskontoret, Malmö stad tar emot synpunkter" in trees[result.site_dir / "tillganglighet" / "index.html"].get_text()


@pytest.mark.bygger
def test_the_footer_offers_a_route_only_when_there_is_one(site):
    from macros import contact

    confirmed = contact.has_route(content.load(sitebuild.ROOT).contact)
    for page in site.rglob("*.html"):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if tree.select_one(".ma-footer") is None:
            continue  # a redirect page has no footer
        assert (tree.select_one(".ma-footer__contact") is not None) == confirmed, page
        if not confirmed:
            # No "Kontakt" link anywhere that leads to a page saying there is no route.
            assert not [a for a in tree.find_all("a") if a.get_text(strip=True) in ("Kontakt", "Kontakta oss")], page


# ---- Sitemap and print -------------------------------------------------------------------------------


@pytest.mark.bygger
def test_the_sitemap_lists_every_page_but_those_that_ask_to_stay_out(site):
    listed = set(re.findall(r"<loc>https://malmoandan\.se/([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    noindex, indexed = set(), set()
    for page in site.rglob("index.html"):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if tree.select_one(".ma-footer") is None:
            continue  # a redirect page left by a rename is no page of its own
        robots = tree.find("meta", attrs={"name": "robots"})
        url = "" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
        (noindex if robots and "noindex" in robots["content"] else indexed).add(url)
    assert listed & noindex == set()
    assert indexed <= listed


@pytest.mark.browser
def test_a_printed_page_keeps_the_status_notice_and_the_addresses_of_links_out(page: Page):
    page.goto("/tillganglighet/")
    page.emulate_media(media="print")
    assert page.locator(".md-banner .ma-status").is_visible()
    after = page.evaluate("""() => getComputedStyle(document.querySelector('.md-content a[href^="https://"]'), '::after').content""")
    assert after.startswith('" (https://')
    inside = page.evaluate("""() => getComputedStyle(document.querySelector('.md-content a[href^="#"]'), '::after').content""")
    assert inside in ("none", "normal")
