"""The public portal at phone and desktop sizes: national landing, region page, citizens' pages.

Every page is read without signing in and without JavaScript being needed, checked with axe for
serious or critical accessibility violations, and searched for anything private.
"""

import urllib.request

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from pages import REGION, click_and_wait, click_id, fill, http_status, text_of

# Demo data that must never reach a public page: reporters' identities and confidential reports.
PRIVATE = ["warga1@contoh.id", "Warga Demo", "0812-0000-00", "izin keramaian secara daring", "Obat di puskesmas Kanigaran"]

PUBLIC_PAGES = ["/", "/portal", f"/portal/{REGION}", "/public/programmes/1", f"/public/regions/{REGION}/report",
                f"/public/regions/{REGION}/services/sampah", "/ranking", f"/regions/{REGION}/evaluations", "/track", "/privacy"]


def serious_violations(browser):
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    return [(v["id"], v["impact"], v["help"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_portal_pages_read_without_script_and_pass_axe(size, driver, phone_driver, base_url, screenshot):
    browser = phone_driver if size == "phone" else driver
    for path in PUBLIC_PAGES:
        browser.get(f"{base_url}{path}")
        assert http_status(browser) == 200, path
        # Readable without JavaScript: the pages ship none.
        assert browser.find_elements(By.CSS_SELECTOR, "script[src], script:not([type='application/ld+json'])") == [], path
        assert serious_violations(browser) == [], path
        # No sideways scrolling on a phone.
        if size == "phone":
            assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    browser.get(f"{base_url}/portal/{REGION}")
    screenshot(browser, f"region-{size}")


def test_landing_search_and_region_figures(driver, base_url, screenshot):
    driver.get(f"{base_url}/")
    fill(driver, "q", "probolinggo")
    click_id(driver, "search")
    links = driver.find_elements(By.CSS_SELECTOR, "#search-results a")
    assert any("Kota Probolinggo" in link.text for link in links)
    driver.get(f"{base_url}/portal?q={REGION}")
    assert f"/portal/{REGION}" in driver.find_element(By.CSS_SELECTOR, "#search-results a").get_attribute("href")

    driver.get(f"{base_url}/portal/{REGION}")
    assert text_of(driver, "#portal-index").replace(",", ".").replace(".", "", 0)[0].isdigit()
    assert "diterbitkan" in text_of(driver, "#index-provenance")
    assert driver.find_elements(By.CSS_SELECTOR, "#quick-wins .portal-programme")
    assert len(driver.find_elements(By.CSS_SELECTOR, "table.portal-dimension")) >= 5
    assert "disetujui" in driver.find_element(By.ID, "quick-wins").text
    assert driver.find_elements(By.CSS_SELECTOR, "#portal-surveys a")
    screenshot(driver, "region-desktop-figures")
    # Each quick win carries the satisfaction widget; a vote from the region page is counted.
    first = driver.find_element(By.CSS_SELECTOR, "#quick-wins form.vote-form button[value='puas']")
    click_and_wait(driver, first)
    assert "suara Anda tercatat" in text_of(driver, ".flash")


def test_nothing_private_in_public_pages(base_url):
    for path in PUBLIC_PAGES + [f"/open311/v2/requests.json?jurisdiction_id={REGION}", f"/open311/v2/requests.xml?jurisdiction_id={REGION}"]:
        with urllib.request.urlopen(f"{base_url}{path}") as response:
            body = response.read().decode("utf-8")
        for secret in PRIVATE:
            assert secret not in body, f"{secret!r} in {path}"
