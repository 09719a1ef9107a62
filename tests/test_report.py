"""The HTML report in a real headless browser (Debian's chromium via chromedriver), and the
`evaluate` command."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HERE, SPECS

from pipeline.cli import main

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory, seed_spec_json: Path) -> Path:
    out = tmp_path_factory.mktemp("screen")
    from conftest import CVS

    result = CliRunner().invoke(
        main, ["screen", str(CVS), "--spec", str(seed_spec_json), "--as-of", "2026-11-01", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(out / "report.html")])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_report_is_self_contained(report_html: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "<script src" not in html and "<link" not in html
    assert "Helpdesk 1" in html and "kunskaper om ärendehanteringssystem" in html


@pytest.fixture(scope="module")
def browser():
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
                "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_report_in_a_real_browser(browser, report_html: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(report_html.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    sections = browser.find_elements(By.CSS_SELECTOR, "section.role")
    assert [s.get_attribute("data-role") for s in sections] == [
        "Helpdesk 1",
        "Helpdesk 2",
        "IT-Tekniker 1",
        "IT-Tekniker 2",
    ]

    def cell(role: str, cv: str, requirement_start: str):
        section = browser.find_element(By.CSS_SELECTOR, f"section.role[data-role='{role}']")
        for row in section.find_elements(By.CSS_SELECTOR, "table.matrix tr"):
            tds = row.find_elements(By.TAG_NAME, "td")
            if tds and tds[0].text.startswith(requirement_start):
                return next(td for td in tds[1:] if td.get_attribute("data-cv") == cv)
        raise AssertionError(f"no row {requirement_start!r} in {role}")

    assert (
        cell("IT-Tekniker 1", "CV_Olle_Persson.pdf", "kunskaper om ärendehanteringssystem").get_attribute(
            "data-status"
        )
        == "unknown"
    )
    assert (
        cell("Helpdesk 1", "CV_Erik_Dahl.docx", "minst sex (6) månaders").get_attribute("data-status")
        == "not_met"
    )
    experience = cell("IT-Tekniker 1", "CV_Erik_Dahl.docx", "ska ha minst ett (1) års")
    assert experience.get_attribute("data-status") == "met"
    experience.click()
    details = browser.find_element(By.ID, "details")
    assert details.is_displayed()
    assert "Månader räknade: 104" in details.text
    assert "Nätverkstekniker (konsult via Kodnät Konsult AB)" in details.text
    ticket = cell("Helpdesk 1", "CV Fatima Ali.txt", "kunskaper om ärendehanteringssystem")
    ticket.click()
    assert "TopDesk" in browser.find_element(By.ID, "details").text

    browser.find_element(By.CSS_SELECTOR, ".verdict-filter[value='not_eligible']").click()
    ranked = browser.find_elements(By.CSS_SELECTOR, "section.role[data-role='Helpdesk 1'] tr.rank-row")
    visible = [r.get_attribute("data-cv") for r in ranked if r.is_displayed()]
    assert len(visible) == 5 and "CV_Erik_Dahl.docx" not in visible
    artifacts = HERE / "artifacts"
    artifacts.mkdir(exist_ok=True)
    browser.save_screenshot(str(artifacts / "report.png"))
    assert (artifacts / "report.png").stat().st_size > 10_000


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
