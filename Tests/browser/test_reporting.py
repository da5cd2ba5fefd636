"""Browser story for reporting a semester: an agency reports, the region admin checks, the council approves.

One ordered story in a single test, because each step works on the values the step before left behind
and the whole session shares one database. It only touches the Dinkes values of the semester the demo
has not reported yet, and picks its rows by what the grid shows as empty, so nothing another test
does to other rows can confuse it.
"""

import re
import struct
import urllib.request
import zlib
from datetime import datetime, timezone
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from pages import (AGENCY_OPERATOR, COUNCIL, REGION, REGION_ADMIN, click_and_wait, click_id, exists, fill, http_status,
                   login, logout, nav_link, path_of, text_of)

QUEUE = f"/regions/{REGION}/verification"

EMPTY = "Belum diisi"
DRAFT = "Draf"
SUBMITTED = "Diajukan"
VERIFIED = "Terverifikasi"
APPROVED = "Disetujui"

RETURN_REASON = "Angka tidak sesuai laporan bulanan puskesmas; mohon periksa kembali."

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiny_png() -> bytes:
    """A valid 1x1 white PNG, built here so the bytes are honest rather than copied from somewhere."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\xff\xff")  # filter byte + one white pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def unreported_semester(now=None) -> str:
    """The current semester in UTC: the demo seeds the three before it and leaves this one empty."""
    now = now or datetime.now(timezone.utc)
    return f"{now.year}S{1 if now.month <= 6 else 2}"


# --- reading the pages -------------------------------------------------------------------------


def grid_indicator_ids(browser) -> list:
    rows = browser.find_elements(By.CSS_SELECTOR, "table#report-grid tbody tr")
    return [int(row.get_attribute("id").removeprefix("row-")) for row in rows]


def state_of(browser, indicator_id: int) -> str:
    return text_of(browser, f"span#state-{indicator_id}")


def input_of(browser, prefix: str, indicator_id: int):
    return browser.find_element(By.ID, f"{prefix}{indicator_id}")


def typed_value(browser, indicator_id: int) -> str:
    return input_of(browser, "v", indicator_id).get_attribute("value")


def as_number(text: str) -> float:
    return float(text.replace(",", "."))


def evidence_links(browser, indicator_id: int) -> list:
    return browser.find_elements(By.CSS_SELECTOR, f"tr#row-{indicator_id} a[href^='/evidence/']")


def queue_value_ids(browser, indicator_id: int, period: str) -> list:
    """Ids of the values in table#queue for one indicator and period (normally zero or one)."""
    found = []
    for row in browser.find_elements(By.CSS_SELECTOR, "table#queue tbody tr"):
        link = row.find_element(By.CSS_SELECTOR, "a[href^='/indicators/']")
        cells = row.find_elements(By.TAG_NAME, "td")
        if urlsplit(link.get_attribute("href")).path == f"/indicators/{indicator_id}" and cells[3].text.strip() == period:
            found.append(int(row.get_attribute("id").removeprefix("value-")))
    return found


def queue_value_id(browser, indicator_id: int, period: str) -> int:
    ids = queue_value_ids(browser, indicator_id, period)
    assert len(ids) == 1, f"expected one queued value for indicator {indicator_id} in {period}, found {ids}"
    return ids[0]


def queued(browser, value_id: int) -> bool:
    return exists(browser, f"tr#value-{value_id}")


def current_tab(browser) -> str:
    return text_of(browser, "p.tabs a[aria-current='page']")


def pick(browser, value_id: int) -> None:
    box = browser.find_element(By.ID, f"pick-{value_id}")
    assert not box.is_selected(), "a freshly loaded queue picks nothing by itself"
    box.click()


def period_row_cells(browser, period: str) -> list:
    """The cells of the indicator page's table#periods row for `period`."""
    for row in browser.find_elements(By.CSS_SELECTOR, "table#periods tbody tr"):
        cells = [cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
        if cells and cells[0] == period:
            return cells
    raise AssertionError(f"no row for {period} in table#periods")


def download(browser, url: str) -> tuple:
    """(content type, content disposition, body) of a URL fetched with the browser's session cookie."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return response.headers["Content-Type"], response.headers["Content-Disposition"], response.read()


# --- the story ---------------------------------------------------------------------------------


def test_semester_report_goes_from_agency_through_verification_to_council(driver, new_browser, base_url, demo_password,
                                                                          screenshot, tmp_path):
    period = unreported_semester()
    pdf_path = tmp_path / "laporan-puskesmas.pdf"
    pdf_path.write_bytes(PDF_BYTES)
    png_path = tmp_path / "foto-posyandu.png"
    png_path.write_bytes(tiny_png())

    # 1. The Dinkes operator opens the reporting grid from the menu, then the unreported semester.
    login(driver, base_url, AGENCY_OPERATOR, demo_password)
    report_link = nav_link(driver, "Pelaporan")
    match = re.fullmatch(r"/agencies/(\d+)/report", urlsplit(report_link.get_attribute("href")).path)
    assert match, report_link.get_attribute("href")
    agency_id = int(match.group(1))
    click_and_wait(driver, report_link)
    assert (path_of(driver), http_status(driver)) == (f"/agencies/{agency_id}/report", 200)
    assert "Dinkes" in text_of(driver, "h1")
    screenshot(driver, "1-report-default-period")

    grid_url = f"{base_url}/agencies/{agency_id}/report?period={period}"
    driver.get(grid_url)
    assert http_status(driver) == 200
    assert driver.find_element(By.ID, "period-pick").get_attribute("value") == period
    empty_rows = [i for i in grid_indicator_ids(driver) if state_of(driver, i) == EMPTY]
    assert len(empty_rows) >= 3, f"the demo leaves {period} unreported, yet only {empty_rows} are empty"
    first, second, third = empty_rows[:3]
    untouched = empty_rows[3:]
    screenshot(driver, "1-grid-empty")

    # Two entries that are not numbers, one that is: the server refuses all three, keeping what was typed.
    fill(driver, f"v{first}", "12,5%")
    fill(driver, f"v{second}", "dua belas")
    fill(driver, f"v{third}", "7")
    fill(driver, f"n{third}", "Data laporan bulanan puskesmas")
    click_id(driver, "save-draft")

    assert http_status(driver) == 422
    assert text_of(driver, "p#form-error") == "Ada isian yang salah; tidak ada yang disimpan. Perbaiki baris yang ditandai."
    assert not exists(driver, "p.flash")
    for bad in (first, second):
        assert text_of(driver, f"p.field-error#e{bad}").startswith("Isi dengan angka"), bad
        assert "has-error" in driver.find_element(By.ID, f"row-{bad}").get_attribute("class")
        assert input_of(driver, "v", bad).get_attribute("aria-invalid") == "true"
    assert not exists(driver, f"#e{third}"), "the valid row carries no message"
    assert typed_value(driver, first) == "12,5%"
    assert typed_value(driver, second) == "dua belas"
    assert typed_value(driver, third) == "7"
    assert input_of(driver, "n", third).get_attribute("value") == "Data laporan bulanan puskesmas"
    for row in (first, second, third):
        assert state_of(driver, row) == EMPTY, f"row {row} was saved although the form had errors"
    screenshot(driver, "1-grid-errors")

    # Fixed numbers, evidence on two rows, submitted for verification.
    fill(driver, f"v{first}", "12,5")
    fill(driver, f"v{second}", "40")
    input_of(driver, "f", first).send_keys(str(pdf_path))
    input_of(driver, "f", second).send_keys(str(png_path))
    screenshot(driver, "1-grid-fixed")
    click_id(driver, "submit-values")

    assert (path_of(driver), http_status(driver)) == (f"/agencies/{agency_id}/report", 200)
    assert text_of(driver, "p.flash") == "Nilai diajukan untuk verifikasi."
    assert not exists(driver, "p#form-error")
    for row in (first, second, third):
        assert state_of(driver, row) == SUBMITTED, row
        assert not input_of(driver, "v", row).is_enabled(), f"row {row} can still be edited after submitting"
        assert not input_of(driver, "n", row).is_enabled()
        assert not exists(driver, f"#f{row}"), "no evidence upload on a submitted row"
    for row in untouched:
        assert state_of(driver, row) == EMPTY and input_of(driver, "v", row).is_enabled(), row
    assert as_number(typed_value(driver, first)) == 12.5
    assert as_number(typed_value(driver, second)) == 40
    assert as_number(typed_value(driver, third)) == 7
    assert [a.text for a in evidence_links(driver, first)] == ["laporan-puskesmas.pdf"]
    assert [a.text for a in evidence_links(driver, second)] == ["foto-posyandu.png"]
    assert evidence_links(driver, third) == []
    screenshot(driver, "1-grid-submitted")

    content_type, disposition, body = download(driver, evidence_links(driver, first)[0].get_attribute("href"))
    assert (content_type, body) == ("application/pdf", PDF_BYTES)
    assert disposition.startswith("attachment")
    content_type, _, body = download(driver, evidence_links(driver, second)[0].get_attribute("href"))
    assert (content_type, body) == ("image/png", png_path.read_bytes())
    logout(driver)

    # 2. The region admin returns one value (first without, then with a reason) and verifies another.
    admin = new_browser()
    login(admin, base_url, REGION_ADMIN, demo_password)
    click_and_wait(admin, nav_link(admin, "Verifikasi"))
    assert (path_of(admin), http_status(admin)) == (QUEUE, 200)
    assert current_tab(admin) == SUBMITTED, "the region admin starts at submitted values"
    first_value = queue_value_id(admin, first, period)
    second_value = queue_value_id(admin, second, period)
    third_value = queue_value_id(admin, third, period)
    first_cells = [cell.text.strip() for cell in admin.find_elements(By.CSS_SELECTOR, f"tr#value-{first_value} td")]
    assert first_cells[2] == "Dinkes" and as_number(first_cells[5]) == 12.5, first_cells
    assert [a.text for a in admin.find_elements(By.CSS_SELECTOR, f"tr#value-{first_value} a[href^='/evidence/']")] == ["laporan-puskesmas.pdf"]
    screenshot(admin, "2-queue-submitted")

    pick(admin, first_value)
    click_id(admin, "action-return")

    assert http_status(admin) == 422
    assert text_of(admin, "p#reason-error") == "Tulis alasan pengembalian."
    assert not exists(admin, "p.flash")
    assert all(queued(admin, v) for v in (first_value, second_value, third_value)), "a refused return changes nothing"
    screenshot(admin, "2-return-without-reason")

    pick(admin, first_value)
    fill(admin, "reason", RETURN_REASON)
    click_id(admin, "action-return")

    assert path_of(admin) == QUEUE
    assert text_of(admin, "p.flash") == "Nilai dikembalikan ke perangkat daerah."
    assert not queued(admin, first_value), "a returned value leaves the submitted queue"
    assert queued(admin, second_value) and queued(admin, third_value), "only the picked value was returned"
    screenshot(admin, "2-returned")

    pick(admin, second_value)
    click_id(admin, "action-verify")

    assert path_of(admin) == QUEUE
    assert text_of(admin, "p.flash") == "Nilai terverifikasi."
    assert not queued(admin, second_value)
    assert queued(admin, third_value)
    admin.get(f"{base_url}{QUEUE}?state=verified")
    assert current_tab(admin) == VERIFIED
    assert queue_value_id(admin, second, period) == second_value
    screenshot(admin, "2-verified")

    # 3. The operator sees why the value came back, corrects it and submits again.
    login(driver, base_url, AGENCY_OPERATOR, demo_password)
    driver.get(grid_url)
    reason = text_of(driver, f"p#reason-{first}")
    assert reason.startswith("Dikembalikan") and RETURN_REASON in reason, reason
    assert state_of(driver, first) == DRAFT
    assert input_of(driver, "v", first).is_enabled(), "a returned value is editable again"
    assert as_number(typed_value(driver, first)) == 12.5
    assert [a.text for a in evidence_links(driver, first)] == ["laporan-puskesmas.pdf"], "the evidence stays with the value"
    assert state_of(driver, second) == VERIFIED and not input_of(driver, "v", second).is_enabled()
    assert state_of(driver, third) == SUBMITTED and not input_of(driver, "v", third).is_enabled()
    assert not exists(driver, f"#reason-{second}") and not exists(driver, f"#reason-{third}")
    screenshot(driver, "3-returned-row")

    fill(driver, f"v{first}", "13")
    click_id(driver, "submit-values")

    assert text_of(driver, "p.flash") == "Nilai diajukan untuk verifikasi."
    assert state_of(driver, first) == SUBMITTED
    assert as_number(typed_value(driver, first)) == 13
    assert not input_of(driver, "v", first).is_enabled()
    assert not exists(driver, f"#reason-{first}"), "the reason goes once the value is submitted again"
    screenshot(driver, "3-resubmitted")

    admin.get(f"{base_url}{QUEUE}")
    assert queue_value_id(admin, first, period) == first_value, "the corrected value is back in the admin's queue"
    assert as_number(text_of(admin, f"tr#value-{first_value} td:nth-child(6)")) == 13

    # 4. The council approves the verified value; it leaves the queue and the indicator shows it approved.
    council = new_browser()
    login(council, base_url, COUNCIL, demo_password)
    click_and_wait(council, nav_link(council, "Verifikasi"))
    assert (path_of(council), http_status(council)) == (QUEUE, 200)
    assert current_tab(council) == VERIFIED, "the council starts at verified values"
    assert exists(council, "#action-approve") and not exists(council, "#action-verify")
    assert queue_value_id(council, second, period) == second_value
    screenshot(council, "4-queue-verified")

    pick(council, second_value)
    click_id(council, "action-approve")

    assert path_of(council) == QUEUE
    assert text_of(council, "p.flash") == "Nilai disetujui dan dikunci."
    assert current_tab(council) == VERIFIED
    assert not queued(council, second_value), "an approved value leaves the verified queue"
    screenshot(council, "4-approved")

    council.get(f"{base_url}/indicators/{second}")
    assert http_status(council) == 200
    cells = period_row_cells(council, period)
    assert as_number(cells[2]) == 40 and cells[-1] == APPROVED, cells
    screenshot(council, "4-indicator-approved")

    driver.get(grid_url)
    assert state_of(driver, second) == APPROVED
    assert not input_of(driver, "v", second).is_enabled()
