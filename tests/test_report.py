"""The HTML report in a real headless browser (Debian's chromium via chromedriver): the data,
keyboard use, the view without JavaScript, a 400 px window, search and paging; and the
`evaluate` command."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CVS, HERE, SPECS

from pipeline.cli import main
from pipeline.outputs.report import PAGE, embed_json, render_report

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
ARTIFACTS = HERE / "artifacts"


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory, seed_spec_json: Path) -> Path:
    out = tmp_path_factory.mktemp("screen")
    result = CliRunner().invoke(
        main, ["screen", str(CVS), "--spec", str(seed_spec_json), "--as-of", "2026-11-01", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(out / "report.html")])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_report_is_self_contained_and_server_rendered(report_html: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "<script src" not in html and "<link" not in html
    # the matrix is in the HTML itself, not built by a script: it reads without JavaScript
    assert html.count('<td class="cell ') > 100
    assert "Helpdesk 1" in html and "kunskaper om ärendehanteringssystem" in html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Så räknas poäng och placering" in html


def test_embedded_json_cannot_close_the_script_or_run() -> None:
    hostile = {"q": "</script><script>alert(1)</script><!-- & \u2028\u2029"}
    text = embed_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == hostile


def test_input_text_is_inserted_as_text() -> None:
    bad = "<img src=x onerror=alert(1)>.txt"
    row = {"cv": bad, "role": "R <b>", "verdict": "error", "score": 0.0, "unmet": "<script>alert(1)</script>",
           "qualifying_months": 0, "requirements": []}  # fmt: skip
    html = render_report({"spec": "<s>", "as_of": "2026-11", "roles": ["R <b>"], "rows": [row]})
    assert "<img src=x onerror" not in html and "<script>alert(1)" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html


def _driver(javascript: bool = True, width: int = 1400):
    if not (CHROMIUM and CHROMEDRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (make browser)")
        pytest.skip("chromium/chromedriver not installed (make browser)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                f"--window-size={width},1000"):  # fmt: skip
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def browser():
    driver = _driver()
    yield driver
    driver.quit()


def _cell(browser, role: str, cv: str, requirement_start: str):
    from selenium.webdriver.common.by import By

    section = browser.find_element(By.CSS_SELECTOR, f"section.role[data-role='{role}']")
    legend = section.find_elements(By.CSS_SELECTOR, "ol.reqs li")
    column = next(i for i, li in enumerate(legend) if li.text.split(" ", 1)[1].startswith(requirement_start))
    row = next(
        r
        for r in section.find_elements(By.CSS_SELECTOR, "table.matrix tr.m-row")
        if r.get_attribute("data-cv") == cv
    )
    return row.find_elements(By.CSS_SELECTOR, "td.cell")[column]  # fmt: skip


def _status(cell) -> str:
    return next(c for c in ("not_met", "met", "unknown") if c in cell.get_attribute("class").split())


def test_report_in_a_real_browser_with_the_keyboard(browser, report_html: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(report_html.as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    sections = browser.find_elements(By.CSS_SELECTOR, "section.role")
    assert [s.get_attribute("data-role") for s in sections] == ["Helpdesk 1", "Helpdesk 2", "IT-Tekniker 1",
                                                                "IT-Tekniker 2"]  # fmt: skip
    assert (
        _status(_cell(browser, "IT-Tekniker 1", "CV_Olle_Persson.pdf", "kunskaper om ärendehanteringssystem"))
        == "unknown"
    )
    assert _status(_cell(browser, "Helpdesk 1", "CV_Erik_Dahl.docx", "minst sex (6) månaders")) == "not_met"
    # keyboard: the cell is a button; Enter opens the evidence, focus moves into the dialog,
    # Escape closes it and gives focus back to the cell; arrows move between cells
    button = _cell(browser, "IT-Tekniker 1", "CV_Erik_Dahl.docx", "ska ha minst ett (1) års").find_element(
        By.TAG_NAME, "button")  # fmt: skip
    assert _status(button.find_element(By.XPATH, "..")) == "met"
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    dialog = browser.find_element(By.ID, "details")
    assert dialog.is_displayed()
    assert browser.execute_script(
        "return document.getElementById('details').contains(document.activeElement)"
    )
    assert "Månader räknade: 104" in dialog.text
    assert "Nätverkstekniker (konsult via Kodnät Konsult AB)" in dialog.text
    assert "månader" in dialog.text and "months" not in dialog.text  # Swedish explanations
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not dialog.is_displayed()
    assert browser.switch_to.active_element == button
    button.send_keys(Keys.ARROW_RIGHT)
    assert browser.switch_to.active_element != button
    assert browser.switch_to.active_element.tag_name == "button"
    ticket = _cell(browser, "Helpdesk 1", "CV Fatima Ali.txt", "kunskaper om ärendehanteringssystem")
    ticket.find_element(By.TAG_NAME, "button").click()
    assert "TopDesk" in browser.find_element(By.ID, "details").text
    browser.find_element(By.CSS_SELECTOR, "#details .close").click()

    browser.find_element(By.CSS_SELECTOR, ".verdict-filter[value='not_eligible']").click()
    ranked = browser.find_elements(By.CSS_SELECTOR, "section.role[data-role='Helpdesk 1'] tr.rank-row")
    visible = [r.get_attribute("data-cv") for r in ranked if r.is_displayed()]
    assert len(visible) == 5 and "CV_Erik_Dahl.docx" not in visible
    browser.find_element(By.CSS_SELECTOR, ".verdict-filter[value='not_eligible']").click()
    browser.find_element(By.ID, "search").send_keys("fatima")
    visible = [r.get_attribute("data-cv") for r in ranked if r.is_displayed()]
    assert visible == ["CV Fatima Ali.txt"]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_report_without_javascript(report_html: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = _driver(javascript=False)
    try:
        driver.get(report_html.as_uri())
        cells = [c for c in driver.find_elements(By.CSS_SELECTOR, "table.matrix td.cell") if c.is_displayed()]
        assert len(cells) > 40
        assert "uppfyllt" in driver.find_element(By.CSS_SELECTOR, "table.matrix").text
        assert not driver.find_element(By.ID, "search").is_displayed()  # controls that need JS are hidden
        ranked = driver.find_elements(By.CSS_SELECTOR, "section.role[data-role='Helpdesk 1'] tr.rank-row")
        assert len(ranked) == 8 and all(r.is_displayed() for r in ranked)
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "report-no-js.png"))
    finally:
        driver.quit()


def test_report_in_a_400px_window(report_html: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = _driver(width=400)
    try:
        driver.set_window_size(400, 900)
        driver.get(report_html.as_uri())
        inner = driver.execute_script("return window.innerWidth")
        assert inner <= 400
        # the page itself does not scroll sideways (a wide matrix scrolls inside its own region)
        assert driver.execute_script("return document.documentElement.scrollWidth") <= inner
        verdict = driver.find_element(By.CSS_SELECTOR, "table.ranking tr.rank-row td.verdict")
        right = driver.execute_script("return arguments[0].getBoundingClientRect().right", verdict)
        assert verdict.is_displayed() and right <= inner
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "report-400px.png"))
    finally:
        driver.quit()


def test_paging_and_search_in_a_large_report(tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    reqs = [{"text": f"krav {i}", "kind": "knowledge", "status": "met", "alternatives": []} for i in range(3)]
    rows = [{"cv": f"cv_{i:04d}.txt", "role": "R", "verdict": "eligible", "score": 1.0, "unmet": "",
             "qualifying_months": 120 - i, "requirements": reqs} for i in range(120)]  # fmt: skip
    path = tmp_path / "report.html"
    path.write_text(render_report({"roles": ["R"], "rows": rows}), encoding="utf-8")
    browser.get(path.as_uri())
    shown = lambda: [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.rank-row") if r.is_displayed()]  # noqa: E731
    assert len(shown()) == PAGE
    browser.find_element(By.CSS_SELECTOR, ".pager .next").click()
    assert shown()[0].get_attribute("data-cv") == f"cv_{PAGE:04d}.txt"
    browser.find_element(By.CSS_SELECTOR, ".pager .all").click()
    assert len(shown()) == 120
    browser.find_element(By.ID, "search").send_keys("cv_0119")
    assert [r.get_attribute("data-cv") for r in shown()] == ["cv_0119.txt"]


def test_print_shows_every_page(tmp_path: Path, browser) -> None:
    """Printing gives every consultant across as many pages as needed, whatever page is shown."""
    import base64

    import pypdfium2 as pdfium
    from selenium.webdriver.common.print_page_options import PrintOptions

    reqs = [
        {"text": f"krav {i}", "kind": "knowledge", "status": "unknown", "alternatives": []} for i in range(6)
    ]
    rows = [{"cv": f"cv_{i:04d}.txt", "role": "R", "verdict": "needs_review", "score": 0.5, "unmet": "",
             "qualifying_months": 200 - i, "requirements": reqs} for i in range(150)]  # fmt: skip
    path = tmp_path / "report.html"
    path.write_text(render_report({"roles": ["R"], "rows": rows}), encoding="utf-8")
    browser.get(path.as_uri())
    pdf = pdfium.PdfDocument(base64.b64decode(browser.print_page(PrintOptions())))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert len(pdf) > 3
    assert (
        "cv_0000.txt" in text and "cv_0149.txt" in text and text.count("cv_0149.txt") == 2
    )  # ranking and matrix


def test_evaluate_command(tmp_path: Path) -> None:
    from pipeline.spec.extract import extract_spec

    pred = extract_spec(SPECS / "kravspecifikation-informationssakerhetstjanster.pdf").to_json()
    gold = SPECS / "kravspecifikation-informationssakerhetstjanster.gold.json"
    good = tmp_path / "pred.json"
    good.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(good)])
    assert result.exit_code == 0 and "overall F1=1.000 ok" in result.output
    pred["roles"][0]["tasks"].pop()
    pred["roles"][1]["requirements"][1]["any_of"][0][0]["certifications"] = ["CISSP"]
    pred["document"]["date"] = "2024-02-16"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(bad)])
    assert result.exit_code == 1
    assert "task missing" in result.output and "document.date" in result.output and "any_of" in result.output
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(bad), "--format", "csv"])
    lines = result.output.splitlines()
    assert lines[0] == "item,tp,fp,fn,precision,recall,f1"
    assert lines[2].startswith("tasks,") and ",1," in lines[2]
