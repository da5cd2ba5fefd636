"""Journey: an agency operator imports a semester's realisations from a spreadsheet export.

The first file carries a deliberate error row; the preview names the row, nothing is saved. The
corrected file previews clean and is applied as drafts, which then show in the reporting grid.
"""

from datetime import datetime, timezone

from selenium.webdriver.common.by import By

from pages import AGENCY_OPERATOR, click_and_wait, click_id, exists, http_status, login, nav_link, path_of
from test_reporting import grid_indicator_ids


def future_semester(now=None) -> str:
    """The semester after the current one: no other test writes values there."""
    now = now or datetime.now(timezone.utc)
    return f"{now.year + 1}S1" if now.month > 6 else f"{now.year}S2"


def upload(browser, path) -> None:
    browser.find_element(By.ID, "file").send_keys(str(path))
    click_and_wait(browser, browser.find_element(By.ID, "preview-import"))


def test_import_with_an_error_row_changes_nothing_then_the_fixed_file_applies(driver, base_url, demo_password, screenshot, tmp_path):
    login(driver, base_url, AGENCY_OPERATOR, demo_password)
    click_and_wait(driver, nav_link(driver, "Pelaporan"))
    agency_path = path_of(driver).split("/report")[0]
    period = future_semester()
    driver.get(f"{base_url}{agency_path}/report?period={period}")
    ids = grid_indicator_ids(driver)
    assert len(ids) >= 2

    click_and_wait(driver, driver.find_element(By.ID, "import-link"))
    assert exists(driver, "#template-link")
    bad = tmp_path / "realisasi-salah.csv"
    # Semicolons and decimal commas, as an Indonesian-locale spreadsheet saves them; line 3 is wrong.
    bad.write_text(f"indicator_id;indicator;period;value;note\n{ids[0]};a;{period};12,5;ok\n{ids[1]};b;{period};12,5%;\n",
                   encoding="utf-8")
    upload(driver, bad)
    screenshot(driver, "error-row")
    assert http_status(driver) == 422
    assert exists(driver, "#import-errors")
    assert "has-error" in driver.find_element(By.ID, "line-3").get_attribute("class")
    assert "has-error" not in (driver.find_element(By.ID, "line-2").get_attribute("class") or "")
    assert not exists(driver, "#apply-import")

    driver.get(f"{base_url}{agency_path}/report?period={period}")
    assert driver.find_element(By.NAME, f"v{ids[0]}").get_attribute("value") == ""  # nothing was saved

    driver.get(f"{base_url}{agency_path}/import")
    good = tmp_path / "realisasi.csv"
    good.write_text(f"indicator_id;indicator;period;value;note\n{ids[0]};a;{period};12,5;ok\n{ids[1]};b;{period};40;\n",
                    encoding="utf-8")
    upload(driver, good)
    screenshot(driver, "clean-preview")
    assert http_status(driver) == 200
    click_id(driver, "apply-import")
    screenshot(driver, "applied")
    assert f"/report" in path_of(driver)
    assert exists(driver, "p.flash")
    assert driver.find_element(By.NAME, f"v{ids[0]}").get_attribute("value") in ("12.5", "12,5")
    assert driver.find_element(By.NAME, f"v{ids[1]}").get_attribute("value") == "40"


def download(browser, url: str) -> bytes:
    """Fetches a file with the browser's session, as clicking the link would."""
    import urllib.request
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def test_dashboard_and_programme_exports_open_in_a_spreadsheet_with_the_page_figures(driver, base_url, demo_password, screenshot):
    import io
    import openpyxl
    from pages import COUNCIL, REGION

    login(driver, base_url, COUNCIL, demo_password)
    driver.get(f"{base_url}/regions/{REGION}/dashboard")
    screenshot(driver, "dashboard")
    page_rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
                 for row in driver.find_elements(By.CSS_SELECTOR, "table#dimensions tbody tr")]
    book = openpyxl.load_workbook(io.BytesIO(download(driver, driver.find_element(By.ID, "export-xlsx").get_attribute("href"))))
    sheet_rows = [list(row) for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert len(sheet_rows) == len(page_rows) == 6
    for page_row, sheet_row in zip(page_rows, sheet_rows):
        assert sheet_row[0].split(" ")[0] == page_row[0].split(" ")[0]          # dimension code
        assert sheet_row[1] == int(page_row[1])                                  # programmes
        assert [sheet_row[i] for i in range(3, 8)] == [int(page_row[i]) for i in range(3, 8)]  # statuses

    driver.get(f"{base_url}/regions/{REGION}/programmes?dimension=LIV")
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table#programmes tbody td:first-child a")]
    book = openpyxl.load_workbook(io.BytesIO(download(driver, driver.find_element(By.ID, "export-xlsx").get_attribute("href"))))
    exported = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert exported == titles and len(titles) >= 5
