"""Citizens on a phone: voting on a programme, answering a field survey, sending and tracking a report.

Citizens have no account; every step here runs in a phone-sized Chromium without signing in, except
finding the survey's public link, which a planner hands out.
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from pages import PLANNER, REGION, click_id, exists, fill, http_status, login, text_of


def vote_count(browser, answer: str) -> int:
    return int(browser.find_element(By.CSS_SELECTOR, f"#vote-results tr[data-answer='{answer}'] .count").text)


def test_vote_on_a_programme_once_a_day(phone_driver, base_url, screenshot):
    phone_driver.get(f"{base_url}/public/programmes/1")
    assert http_status(phone_driver) == 200
    before = vote_count(phone_driver, "puas")
    click_id(phone_driver, "vote-puas")
    assert "suara Anda tercatat" in text_of(phone_driver, ".flash")
    assert vote_count(phone_driver, "puas") == before + 1
    percentages = [int(td.text.rstrip(" %")) for td in phone_driver.find_elements(By.CSS_SELECTOR, "#vote-results .percent")]
    assert sum(percentages) == 100
    screenshot(phone_driver, "voted")
    click_id(phone_driver, "vote-sangat-puas")
    assert "sudah memberi suara" in text_of(phone_driver, ".flash")
    assert vote_count(phone_driver, "puas") == before + 1
    # Big enough to hit with a thumb.
    assert phone_driver.find_element(By.ID, "vote-puas").size["height"] >= 44


def test_answer_a_field_survey_on_a_phone(driver, phone_driver, base_url, demo_password, screenshot):
    login(driver, base_url, PLANNER, demo_password)
    driver.get(f"{base_url}/regions/{REGION}/surveys")
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-survey]") if "Evaluasi lapangan" in r.text)
    link = row.find_element(By.CSS_SELECTOR, "a.public-link").get_attribute("href")
    respondents = int(row.find_element(By.CSS_SELECTOR, ".respondents").text)

    phone_driver.get(link)
    # Missing category: refused, the answers typed so far kept.
    phone_driver.find_element(By.CSS_SELECTOR, "#question-1 input[value='Tidak']").click()
    fill(phone_driver, "q4", "15")
    click_id(phone_driver, "send")
    assert http_status(phone_driver) == 422
    assert exists(phone_driver, "#category-error")
    assert phone_driver.find_element(By.ID, "q4").get_attribute("value") == "15"
    Select(phone_driver.find_element(By.ID, "category")).select_by_index(1)
    # "Tidak" skips to question 4, so the required questions 2 and 3 may stay empty.
    fill(phone_driver, "q5", "<script>alert('x')</script> Tambah loket")
    click_id(phone_driver, "send")
    assert exists(phone_driver, "#thanks")
    screenshot(phone_driver, "survey-answered")

    driver.get(f"{base_url}/regions/{REGION}/surveys")
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-survey]") if "Evaluasi lapangan" in r.text)
    assert int(row.find_element(By.CSS_SELECTOR, ".respondents").text) == respondents + 1


def test_send_and_track_a_report_on_a_phone(phone_driver, base_url, screenshot):
    phone_driver.get(f"{base_url}/public/regions/{REGION}/report")
    assert phone_driver.find_element(By.ID, "anonymous").is_selected()
    assert phone_driver.find_element(By.ID, "confidential").is_selected()
    Select(phone_driver.find_element(By.ID, "serviceCode")).select_by_value("sampah")
    fill(phone_driver, "description", "Sampah")  # too short: refused, kept
    fill(phone_driver, "address", "Jl. Panglima Sudirman, depan pasar")
    click_id(phone_driver, "send-report")
    assert http_status(phone_driver) == 422
    assert "paling sedikit 10 karakter" in text_of(phone_driver, "#description-error")
    assert phone_driver.find_element(By.ID, "address").get_attribute("value").startswith("Jl. Panglima")
    fill(phone_driver, "description", "Sampah menumpuk di depan pasar sejak tiga hari.")
    click_id(phone_driver, "send-report")
    code = text_of(phone_driver, "#tracking-code")
    assert code.startswith("LPR-")
    assert text_of(phone_driver, "#complaint-state") == "Baru"
    screenshot(phone_driver, "report-sent")

    phone_driver.get(f"{base_url}/track")
    fill(phone_driver, "code", code.lower())
    click_id(phone_driver, "track")
    assert text_of(phone_driver, "#tracking-code") == code
    fill(phone_driver, "note", "Foto menyusul; lokasi di sisi timur pasar.")
    click_id(phone_driver, "add-note")
    assert "Informasi ditambahkan" in text_of(phone_driver, ".flash")
    assert "sisi timur pasar" in text_of(phone_driver, "#steps")
