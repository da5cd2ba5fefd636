"""Browser story for one evaluation cycle, from opening to publication, across the four roles involved.

The national admin opens a cycle for Probolinggo, the planner self-assesses (and is told when a score is
off the scale), the assessor verifies (and must give a reason where the score changes), the national admin
publishes, and the region admin reads the result. The period is far in the future so it never collides
with the demo's own cycles.
"""

import json
import urllib.request

from selenium.webdriver.common.by import By

from pages import (NATIONAL_ADMIN, PLANNER, REGION, REGION_ADMIN, click_and_wait, click_id, exists, fill, http_status,
                   login, logout, path_of, text_of)

ASSESSOR = "asesor@pilar.test"
PERIOD = "2035S1"
SELF_SCORES = {"baseline": "3,4", "output": "3,2", "outcome": "2,9", "impact": "3", "quickWin": "3,5"}
VERIFIED = {"baseline": "3,4", "output": "3,2", "outcome": "2,6", "impact": "3", "quickWin": "3,5"}
REASON = "Dua indikator outcome belum didukung data terverifikasi."
REMARKS = "Perkuat data outcome sebelum tahap II."


def set_value(browser, field_id: str, value: str) -> None:
    # Date inputs take typed text in the browser's locale; setting the value is what a date picker does.
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field_id, value)


def open_evaluation_from_history(browser, base_url: str) -> None:
    browser.get(f"{base_url}/regions/{REGION}/evaluations")
    link = browser.find_element(By.CSS_SELECTOR, "#open-evaluations").find_element(By.LINK_TEXT, PERIOD)
    click_and_wait(browser, link)


def test_cycle_from_opening_to_publication(driver, base_url, demo_password, screenshot):
    # 1. The national admin opens the cycle for Probolinggo.
    login(driver, base_url, NATIONAL_ADMIN, demo_password)
    driver.get(f"{base_url}/cycles/new")
    fill(driver, "year", "2035")
    for field, value in {"selfFrom": "2020-01-01", "selfUntil": "2099-06-30", "verifyUntil": "2099-07-31", "publishOn": "2099-08-15"}.items():
        set_value(driver, field, value)
    driver.find_element(By.CSS_SELECTOR, f"input[name='regions[]'][value='{REGION}']").click()
    click_id(driver, "save")
    assert "Siklus dibuka" in text_of(driver, ".flash")
    cycle_path = path_of(driver)
    row = driver.find_element(By.CSS_SELECTOR, f"tr[data-region='{REGION}']")
    assert "Penilaian mandiri" in row.text
    logout(driver)

    # 2. The planner self-assesses; a score off the 1-5 scale is refused and everything typed stays.
    login(driver, base_url, PLANNER, demo_password)
    open_evaluation_from_history(driver, base_url)
    evaluation_path = path_of(driver)
    for code, score in SELF_SCORES.items():
        fill(driver, f"score_{code}", "6" if code == "output" else score)
        fill(driver, f"narrative_{code}", f"Uraian {code}: capaian dan bukti dukung.")
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(driver.find_element(By.ID, "programmes_quickWin")).select_by_index(0)
    fill(driver, "links_output", "https://jdih.probolinggokota.go.id/perwali-smart-city")
    click_id(driver, "submit-self")
    assert http_status(driver) == 422
    assert "Nilai di luar skala metode." in text_of(driver, "#score_output-error")
    assert driver.find_element(By.ID, "score_output").get_attribute("value") == "6"
    assert driver.find_element(By.ID, "narrative_impact").get_attribute("value").startswith("Uraian impact")
    screenshot(driver, "self-assessment-refused")
    fill(driver, "score_output", SELF_SCORES["output"])
    click_id(driver, "submit-self")
    assert "dikirim dan dikunci" in text_of(driver, ".flash")
    assert text_of(driver, "#evaluation-state") == "Menunggu verifikasi"
    assert not exists(driver, "#self-form")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#dimension-scores tbody tr")) == 6
    logout(driver)

    # 3. The assessor verifies: a changed score without a reason is refused, then completed with one.
    login(driver, base_url, ASSESSOR, demo_password)
    driver.get(f"{base_url}{evaluation_path}")
    for code, score in VERIFIED.items():
        fill(driver, f"verified_{code}", score)
    fill(driver, "remarks", REMARKS)
    click_id(driver, "complete-verify")
    assert http_status(driver) == 422
    assert "tuliskan alasannya" in text_of(driver, "#reason_outcome-error")
    fill(driver, "reason_outcome", REASON)
    click_id(driver, "complete-verify")
    assert "Verifikasi selesai" in text_of(driver, ".flash")
    assert text_of(driver, "#evaluation-state") == "Terverifikasi"
    logout(driver)

    # 4. The national admin publishes.
    login(driver, base_url, NATIONAL_ADMIN, demo_password)
    driver.get(f"{base_url}{cycle_path}")
    assert text_of(driver, "#verified-count") == "1"
    click_id(driver, "publish")
    assert "Hasil diterbitkan" in text_of(driver, ".flash")
    logout(driver)

    # 5. The region admin reads the result: (3.4×10 + 3.2×20 + 2.6×30 + 3×20 + 3.5×20) / 100 = 3.06.
    login(driver, base_url, REGION_ADMIN, demo_password)
    driver.get(f"{base_url}/regions/{REGION}/evaluations")
    history_row = driver.find_element(By.CSS_SELECTOR, f"tr[data-period='{PERIOD}']")
    assert "3,06" in history_row.text
    click_and_wait(driver, history_row.find_element(By.LINK_TEXT, PERIOD))
    assert text_of(driver, "#index") == "3,06"
    assert text_of(driver, "#rank") == "1 / 1"
    assert REMARKS in text_of(driver, "#remarks")
    outcome = driver.find_element(By.CSS_SELECTOR, "#items tr[data-item='outcome']")
    assert "2,90" in outcome.find_element(By.CSS_SELECTOR, ".self").text
    assert "2,60" in outcome.find_element(By.CSS_SELECTOR, ".verified").text
    assert REASON in outcome.text
    assert driver.find_element(By.CSS_SELECTOR, "svg.chart title").get_attribute("textContent")
    screenshot(driver, "published-result")


def test_ranking_is_public_and_filters(driver, base_url):
    # The demo's latest cycle that ranks Probolinggo among its twenty peers (other tests may add smaller ones).
    with urllib.request.urlopen(f"{base_url}/api/v1/cycles") as response:
        cycles = json.load(response)
    cycle = max((c for c in cycles if c["published"] >= 21), key=lambda c: c["period"])
    driver.get(f"{base_url}/ranking?cycle={cycle['id']}")
    assert http_status(driver) == 200
    rows = driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")
    assert len(rows) >= 21
    ranks = [int(r.find_element(By.CSS_SELECTOR, "td").text) for r in rows]
    assert ranks == sorted(ranks)
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(driver.find_element(By.ID, "kind")).select_by_value("kabupaten")
    click_id(driver, "filter")
    kinds = {r.find_elements(By.CSS_SELECTOR, "td")[4].text for r in driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")}
    assert kinds == {"Kabupaten"}
    assert not exists(driver, f"tr[data-region='{REGION}']")
