"""The trigger-point guide: every page renders, with its disclaimer, sources, product card,
structured data, canonical URL, and the site's sitemap, robots.txt and feed."""
import json
import re
import xml.etree.ElementTree as ElementTree
from html import unescape

import httpx
import pytest

from deploy.runner.stack import Stack

MUSCLE_PAGES = [
    "quadratus-lumborum", "lumbar-paraspinals", "psoas", "iliacus", "rectus-abdominis",
    "gluteus-medius", "gluteus-minimus", "piriformis",
]
# Behind the belly wall: fingertips only, so no tool and no Buy box.
BELLY_SIDE_PAGES = ["psoas", "iliacus", "rectus-abdominis"]
TOOL_MUSCLE_PAGES = [slug for slug in MUSCLE_PAGES if slug not in BELLY_SIDE_PAGES]
ABOUT_THE_GUIDE = ["pressure-safety", "about-this-guide", "weekly-routine"]
GUIDE_PAGES = ["lower-back-trigger-points", *MUSCLE_PAGES, *ABOUT_THE_GUIDE]


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def of_type(blocks: list[dict], kind: str) -> dict:
    found = [block for block in blocks if block["@type"] == kind]
    assert len(found) == 1, f"expected one {kind}, got {[b['@type'] for b in blocks]}"
    return found[0]


def assert_disclaimer_and_sources(text: str) -> None:
    assert "Medical note:" in text and "does not replace a visit to a doctor" in text
    assert "Travell, Simons & Simons' Myofascial Pain and Dysfunction" in text
    assert "The Trigger Point Therapy Workbook" in text
    assert "cure" not in text.lower()


@pytest.mark.parametrize("slug", ["lower-back-trigger-points", *TOOL_MUSCLE_PAGES])
def test_every_guide_page_renders_with_disclaimer_sources_picture_and_product(browser_client: httpx.Client, slug: str):
    page = browser_client.get(f"/guide/{slug}/")

    assert page.status_code == 200
    assert_disclaimer_and_sources(unescape(page.text))
    picture = re.search(r'<img src="(/static/guide/[^"]+\.svg)" alt="([^"]+)" width="\d+" height="\d+"', page.text)
    assert picture and browser_client.get(picture.group(1)).status_code == 200
    assert re.search(r'<span class="amount">\$\d+\.\d\d</span>', page.text), "no live price on the product card"
    assert 'action="/cart/add/"' in page.text


@pytest.mark.parametrize("slug", BELLY_SIDE_PAGES)
def test_belly_side_pages_sell_nothing_and_send_the_reader_to_the_muscles_the_tool_fits(browser_client: httpx.Client, slug: str):
    page = browser_client.get(f"/guide/{slug}/")
    text = unescape(page.text)

    assert page.status_code == 200
    assert_disclaimer_and_sources(text)
    assert 'action="/cart/add/"' not in page.text and 'class="amount"' not in page.text
    fits = re.search(r'<aside class="product-card tool-muscles".*?</aside>', text, re.S).group(0)
    assert "fingertips only" in fits and 'href="/products/ql-claw/"' in fits
    assert set(re.findall(r'href="/guide/([a-z-]+)/"', fits)) == set(TOOL_MUSCLE_PAGES)
    how_to = text.split(">How to press on it", 1)[1].split("<h2", 1)[0]
    assert "Claw</h3>" not in how_to and "the handle" not in how_to and "the tip" not in how_to


def test_psoas_page_is_optional_screens_for_aneurysm_risk_and_never_moves_towards_the_spine(browser_client: httpx.Client):
    text = " ".join(unescape(browser_client.get("/guide/psoas/").text).split())

    skip = text.split(">Skip this if</h2>", 1)[1].split("<h2", 1)[0]
    for reason in ("over 65", "smoke", "aortic aneurysm", "disease of the blood vessels", "pregnant", "anticoagulants"):
        assert reason in skip, reason
    assert "How to press on it (optional)</h2>" in text
    assert "towards the spine" not in text
    assert "cannot protect the veins, the ureters or the bowel" in text


@pytest.mark.parametrize("slug", MUSCLE_PAGES)
def test_muscle_pages_say_what_the_evidence_is_before_the_routine(browser_client: httpx.Client, slug: str):
    html = unescape(browser_client.get(f"/guide/{slug}/").text)

    evidence = re.search(r'<p class="evidence">(.*?)</p>', html, re.S)
    assert evidence and html.index('<p class="evidence">') < html.index('class="in-brief"')
    assert "low-quality evidence" in evidence.group(1) and "examiners often disagree" in evidence.group(1)
    assert 'href="/guide/lower-back-trigger-points/#what-the-evidence-says"' in evidence.group(1)
    sources = html.split('<h2 id="sources">', 1)[1]
    assert "Massage for low-back pain. Cochrane" in sources and "Lucas N, et al." in sources


@pytest.mark.parametrize("slug", GUIDE_PAGES)
def test_pages_say_when_they_were_last_updated_and_claim_no_review(browser_client: httpx.Client, slug: str):
    html = browser_client.get(f"/guide/{slug}/").text

    assert re.search(r'Last updated <time datetime="\d{4}-\d\d-\d\d">', html)
    assert "reviewed by" not in html.lower() and "last reviewed" not in html.lower()


@pytest.mark.parametrize("slug", GUIDE_PAGES)
def test_meta_descriptions_fit_in_160_characters(browser_client: httpx.Client, slug: str):
    html = browser_client.get(f"/guide/{slug}/").text

    description = unescape(re.search(r'<meta name="description" content="([^"]*)">', html).group(1))
    assert 0 < len(description) <= 160, (len(description), description)


def test_hub_says_most_episodes_settle_and_cites_the_evidence(browser_client: httpx.Client):
    text = " ".join(unescape(browser_client.get("/guide/lower-back-trigger-points/").text).split())

    assert "Most episodes of low-back pain settle within a few weeks, whatever one does" in text
    for source in ("CD001929", "Clinical Journal of Pain 2009;25(1):80-89", "Annals of Internal Medicine 2017;166(7):514-530", "NG59"):
        assert source in text, source
    for unsupported in ("you are probably in the right place", "Overload is the usual story"):
        assert unsupported not in text


@pytest.mark.parametrize("slug", MUSCLE_PAGES)
def test_muscle_pages_open_with_in_brief_box_link_the_safety_page_and_show_a_stretch(browser_client: httpx.Client, slug: str):
    html = browser_client.get(f"/guide/{slug}/").text

    brief = re.search(r'<aside class="in-brief".*?</aside>', html, re.S).group(0)
    assert "<h2" in brief and brief.count("<li>") >= 3
    assert 'href="/guide/pressure-safety/"' in html.split('class="guide-body"')[1]  # from the routine itself
    stretches = re.findall(r'<img src="(/static/guide/stretch-[a-z-]+\.svg)" alt="[^"]+" width="\d+" height="\d+"', html)
    assert stretches and all(browser_client.get(path).status_code == 200 for path in stretches)
    assert "Position:" in html and "Hold:" in html and "Repeat:" in html


@pytest.mark.parametrize("slug", GUIDE_PAGES)
def test_table_of_contents_links_lead_to_headings_on_the_page(browser_client: httpx.Client, slug: str):
    html = browser_client.get(f"/guide/{slug}/").text

    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S)
    assert toc, "a long page has a table of contents"
    targets = re.findall(r'href="#([a-z0-9-]+)"', toc.group(0))
    assert len(targets) >= 4
    for target in targets:
        assert re.search(rf'<h[23] id="{target}">', html), f"no heading #{target}"


@pytest.mark.parametrize("slug", ABOUT_THE_GUIDE)
def test_pages_about_the_guide_render_with_disclaimer_and_sources_but_no_product(browser_client: httpx.Client, slug: str):
    page = browser_client.get(f"/guide/{slug}/")

    assert page.status_code == 200
    assert_disclaimer_and_sources(unescape(page.text))
    assert "NICE guideline NG59" in unescape(page.text)
    assert 'action="/cart/add/"' not in page.text


def test_safety_page_covers_dose_soreness_who_should_not_and_when_to_stop(browser_client: httpx.Client):
    text = unescape(browser_client.get("/guide/pressure-safety/").text)

    for heading in ("Who should not press with a rigid tool", "Dose: how long and how often", "Soreness the next day",
                    "When to stop and see a doctor", "What the evidence says"):
        assert f">{heading}</h2>" in text
    for reason in ("Osteoporosis", "Blood thinners", "Varicose veins", "Broken skin", "Pregnancy", "Cancer",
                   "Long-term steroid tablets", "Fever", "Bowel, ovarian or kidney conditions"):
        assert f"<strong>{reason}</strong>" in text
    for red_flag in ("genitals or anus", "passing urine", "weight loss", "over 50", "steroid", "injected drugs", "pulsing lump",
                     "both legs", "trouble getting an erection", "thoracic pain", "shape of your spine",
                     "before the age of 45", "calf is swollen"):
        assert red_flag in " ".join(text.split()), red_flag
    text = " ".join(text.split())
    assert "written for adults" in text and "skip the knee-across stretch and the kneeling lunge" in text
    assert "Do not rely on feeling a pulse to keep you safe" in text and "a pulse under your fingers or the tip" not in text
    assert "Places a rigid tip should not press" not in text and "many people notice some easing within a week" not in text
    for source in ("Back pain - low (without radiculopathy)", "NHS. Back pain.", "Finucane LM, et al."):
        assert source in text, source


def test_about_page_says_who_wrote_it_and_when_each_page_was_updated(browser_client: httpx.Client):
    text = unescape(browser_client.get("/guide/about-this-guide/").text)

    assert "<strong>We are not clinicians.</strong>" in " ".join(text.split())
    # How to report a mistake: through the contact page, which shows the shop's real facts.
    report = text.split(">How to report a mistake</h2>", 1)[1].split("</p>", 1)[0]
    assert 'href="/contact/"' in report
    reviewed = re.search(r'<section aria-labelledby="review-dates">.*?</section>', text, re.S).group(0)
    for slug in GUIDE_PAGES:
        assert re.search(rf'<a href="/guide/{slug}/">[^<]+</a>: <time datetime="\d{{4}}-\d\d-\d\d">', reviewed), slug


def test_guide_pages_carry_article_faq_and_breadcrumb_json_ld(browser_client: httpx.Client, shop: Stack):
    for slug in GUIDE_PAGES:
        blocks = json_ld(browser_client.get(f"/guide/{slug}/").text)
        article = of_type(blocks, "Article")
        for field in ("headline", "description", "dateModified", "author", "publisher", "mainEntityOfPage"):
            assert article[field], f"{slug}: Article.{field} missing"
        assert article["mainEntityOfPage"] == f"{shop.storefront_url}/guide/{slug}/"
        crumbs = of_type(blocks, "BreadcrumbList")["itemListElement"]
        assert crumbs[0]["item"] == f"{shop.storefront_url}/"
        assert re.fullmatch(rf"{shop.storefront_url}/static/guide-previews/{slug}\.[0-9a-f]{{12}}\.png", article["image"])
        if slug in ABOUT_THE_GUIDE:
            continue
        questions = of_type(blocks, "FAQPage")["mainEntity"]
        assert questions and all(q["@type"] == "Question" and q["acceptedAnswer"]["text"] for q in questions)


def test_product_page_carries_product_json_ld_with_offer(browser_client: httpx.Client, shop: Stack):
    product = of_type(json_ld(browser_client.get("/products/ql-claw/").text), "Product")

    assert product["name"] == "QL Claw"
    assert product["sku"] == "QLC-001"
    assert product["offers"]["price"] == "39.00"
    assert product["offers"]["priceCurrency"] == "USD"
    assert product["offers"]["availability"] == "https://schema.org/InStock"
    assert product["image"][0].startswith(f"{shop.storefront_url}/media/products/")
    picture = browser_client.get(product["image"][0].removeprefix(shop.storefront_url))
    assert picture.headers["content-type"] == "image/png"
    assert png_size(picture.content) == (1200, 630)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk); fails on anything but a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def open_graph(html: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html)}


@pytest.mark.parametrize("path", [f"/guide/{slug}/" for slug in GUIDE_PAGES] + ["/", "/products/ql-claw/"])
def test_every_pages_share_picture_is_a_1200_by_630_raster_the_server_returns_as_an_image(
    browser_client: httpx.Client, shop: Stack, path: str,
):
    tags = open_graph(browser_client.get(path).text)

    assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
    assert tags["og:image:alt"]
    assert tags["og:image"].startswith(f"{shop.storefront_url}/") and not tags["og:image"].endswith(".svg")
    picture = browser_client.get(tags["og:image"].removeprefix(shop.storefront_url))
    assert picture.status_code == 200
    assert picture.headers["content-type"] == "image/png"
    assert png_size(picture.content) == (1200, 630)


@pytest.mark.parametrize("slug", MUSCLE_PAGES)
def test_muscle_page_titles_name_what_a_reader_searches_for(browser_client: httpx.Client, slug: str):
    html = unescape(browser_client.get(f"/guide/{slug}/").text)

    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert re.fullmatch(r"[A-Z][a-z ]+ trigger points: where it hurts and how to release it — QL Claw", title), title
    assert open_graph(html)["og:title"] == title.removesuffix(" — QL Claw")


def test_the_weeks_routine_is_one_printable_page_with_dose_order_and_stop_rules(browser_client: httpx.Client):
    page = browser_client.get("/guide/weekly-routine/")
    text = " ".join(unescape(page.text).split())

    assert page.status_code == 200
    assert_disclaimer_and_sources(text)
    body = text.split('<div class="guide-body">', 1)[1].split("</div>", 1)[0]
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", body)
    assert headings == ["Before each session", "The session, in order", "The week", "Stop rules"]
    for dose in ("20 to 60 seconds", "Never more than 90 seconds", "Two or three spots per muscle",
                 "3 to 5 days a week", "Once a day at most", "After two weeks"):
        assert dose in body, dose
    assert body.index("Move first") < body.index("Press and hold") < body.index("Stretch.")
    for stop in ("sharp, stabbing or burning pain", "numbness", "a beat or pulse under your fingers", "nausea",
                 "Do not rely on feeling a pulse", "no tool is used on the belly side"):
        assert stop in body, stop
    assert body.count("<tr>") == 8  # a header row and a row for each day, to fill in on paper
    assert 'href="/guide/before-you-start/"' in body
    assert "cure" not in text.lower()


def test_the_hub_links_the_printable_routine(browser_client: httpx.Client):
    assert 'href="/guide/weekly-routine/"' in browser_client.get("/guide/lower-back-trigger-points/").text


@pytest.mark.parametrize("path", ["/", "/products/ql-claw/", "/guide/psoas/", "/guide/where-does-it-hurt/"])
def test_canonical_urls_are_absolute(browser_client: httpx.Client, shop: Stack, path: str):
    html = browser_client.get(path + "?utm_source=test").text

    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"{shop.storefront_url}{path}"
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    # A 1200×630 share picture gets the large card; a page without one the small card.
    card = "summary_large_image" if 'property="og:image"' in html else "summary"
    assert f'<meta name="twitter:card" content="{card}">' in html
    assert html.count('name="twitter:card"') == 1


def test_sitemap_lists_every_guide_page_and_the_product(browser_client: httpx.Client, shop: Stack):
    response = browser_client.get("/sitemap.xml")

    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {node.text for node in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)}
    expected = {f"{shop.storefront_url}/guide/{slug}/" for slug in GUIDE_PAGES}
    expected |= {f"{shop.storefront_url}/products/ql-claw/", f"{shop.storefront_url}/guide/where-does-it-hurt/",
                 f"{shop.storefront_url}/guide/before-you-start/"}
    assert expected <= locations


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(browser_client: httpx.Client, shop: Stack):
    robots = browser_client.get("/robots.txt").text

    assert f"Sitemap: {shop.storefront_url}/sitemap.xml" in robots
    for private in ("/cart/", "/checkout/", "/orders/"):
        assert f"Disallow: {private}" in robots


def test_atom_feed_lists_the_guide(browser_client: httpx.Client, shop: Stack):
    feed = browser_client.get("/guide/feed/")

    assert feed.headers["content-type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
    links = {entry.find("{http://www.w3.org/2005/Atom}link").get("href") for entry in entries}
    assert links == {f"{shop.storefront_url}/guide/{slug}/" for slug in GUIDE_PAGES}


def test_guide_index_and_unknown_pages(browser_client: httpx.Client):
    assert browser_client.get("/guide/").headers["location"] == "/guide/lower-back-trigger-points/"
    assert browser_client.get("/guide/no-such-muscle/").status_code == 404


def test_guide_page_still_renders_when_saleor_is_down(shop: Stack, browser_client: httpx.Client, purge_catalog):
    shop.stop_saleor()
    try:
        purge_catalog()
        page = browser_client.get("/guide/piriformis/")
        assert page.status_code == 200
        assert "is made for the muscles of this guide that lie in the back" in page.text
    finally:
        shop.start_saleor()


def test_product_page_tells_the_same_story_as_the_guide(browser_client: httpx.Client):
    text = " ".join(unescape(browser_client.get("/products/ql-claw/").text).split())

    assert "pull the handle gently" in text and "body weight" not in text
    assert "Never use it on the belly side" in text
    description = re.search(r'<meta name="description" content="([^"]*)">', text).group(1)
    assert len(description) <= 160 and "iliacus" not in description


@pytest.mark.parametrize("slug", TOOL_MUSCLE_PAGES)
def test_tool_steps_come_with_a_drawing_of_the_tool_in_use(browser_client: httpx.Client, slug: str):
    html = unescape(browser_client.get(f"/guide/{slug}/").text)

    steps = html.split(">With the QL Claw</h3>", 1)[1].split("<h3", 1)[0]
    drawing = re.search(r'<img src="(/static/guide/tool-[a-z-]+\.svg)" alt="([^"]+)" width="340" height="300"', steps)
    assert drawing, steps[:300]
    assert "hook" in drawing.group(2) and "pulling the handle" in drawing.group(2) and "tip" in drawing.group(2)
    assert browser_client.get(drawing.group(1)).status_code == 200
