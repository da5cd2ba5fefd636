"""Browser stories for Pilar's foundation: signing in, language, agencies, accounts, API tokens, phones.

Each test is one small story told through a real Chromium against the real server, and asserts what
the person at the screen would notice: where they land, which messages appear, what a list shows.
Texts are the app's Indonesian defaults unless a test switches language on purpose.
"""

import json
import re
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from pages import (AGENCY_OPERATOR, NATIONAL_ADMIN, PLANNER, REGION, REGION_ADMIN, REGION_HOME, VIEWER, click_and_wait,
                   click_id, exists, fill, http_status, login, logout, nav_link, path_of, text_of, unique)

AGENCIES = f"/regions/{REGION}/agencies"


# --- small helpers -----------------------------------------------------------------------------


def html_lang(browser) -> str:
    return browser.find_element(By.TAG_NAME, "html").get_attribute("lang")


def agency_short_names(browser) -> list:
    """The short names in table#agencies (empty when the region shows no table at all)."""
    return [link.text.strip() for link in browser.find_elements(By.CSS_SELECTOR, "table#agencies tbody tr td:first-child a")]


def history_entries(browser) -> list:
    return [item.text for item in browser.find_elements(By.CSS_SELECTOR, "ol#history > li")]


def page_and_window_width(browser) -> tuple:
    """(page width, window width): a page wider than its window makes a phone scroll sideways."""
    return tuple(browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]"))


def assert_no_horizontal_overflow(browser, what: str) -> None:
    page_width, window_width = page_and_window_width(browser)
    assert page_width <= window_width + 1, f"{what} is {page_width}px wide in a {window_width}px window"


def fill_agency_form(browser, *, name: str, short_name: str, kind: str = "dinas", email: str = "") -> None:
    fill(browser, "name", name)
    fill(browser, "shortName", short_name)
    Select(browser.find_element(By.ID, "kind")).select_by_value(kind)
    fill(browser, "email", email)


# --- 1. signing in -----------------------------------------------------------------------------


def test_wrong_password_is_refused_then_right_password_opens_region_home(driver, base_url, demo_password, screenshot):
    # The viewer account: the only account a test signs in to wrongly, so lock-out cannot touch the others.
    login(driver, base_url, VIEWER, "not-the-password")

    assert path_of(driver) == "/login"
    assert text_of(driver, "p#login-error") == "E-mail atau kata sandi salah."
    assert driver.find_element(By.ID, "email").get_attribute("value") == VIEWER, "the typed e-mail is kept"
    assert not exists(driver, "#logout"), "nobody is signed in"
    screenshot(driver, "wrong-password")

    login(driver, base_url, VIEWER, demo_password)

    assert path_of(driver) == REGION_HOME
    assert "Kota Probolinggo" in text_of(driver, "h1")
    assert not exists(driver, "p#login-error")
    assert exists(driver, "#logout")
    screenshot(driver, "region-home")


def test_national_admin_lands_on_region_list(driver, base_url, demo_password, screenshot):
    login(driver, base_url, NATIONAL_ADMIN, demo_password)

    assert path_of(driver) == "/regions"
    screenshot(driver, "regions")


# --- 2. language -------------------------------------------------------------------------------


def test_language_switch_changes_texts_and_persists_across_pages(driver, base_url, demo_password, screenshot):
    login(driver, base_url, REGION_ADMIN, demo_password)
    assert html_lang(driver) == "id"
    assert text_of(driver, "a#lang-switch") == "English"
    assert nav_link(driver, "Perangkat Daerah")

    click_id(driver, "lang-switch")

    assert path_of(driver) == REGION_HOME, "the switch returns to the same page"
    assert html_lang(driver) == "en"
    assert text_of(driver, "a#lang-switch") == "Bahasa Indonesia"
    screenshot(driver, "english-home")

    # The choice is a cookie, so it must hold on the next pages too.
    click_and_wait(driver, nav_link(driver, "Agencies"))
    assert path_of(driver) == AGENCIES
    assert html_lang(driver) == "en"
    assert text_of(driver, "h1").startswith("Agencies")
    driver.get(f"{base_url}/tokens")
    assert html_lang(driver) == "en"
    assert text_of(driver, "h1") == "API tokens"
    screenshot(driver, "english-tokens")

    click_id(driver, "lang-switch")

    assert path_of(driver) == "/tokens"
    assert html_lang(driver) == "id"
    assert text_of(driver, "h1") == "Token API"
    assert text_of(driver, "a#lang-switch") == "English"
    driver.get(f"{base_url}{AGENCIES}")
    assert html_lang(driver) == "id"
    assert text_of(driver, "h1").startswith("Perangkat Daerah")
    screenshot(driver, "indonesian-agencies")


# --- 3. agencies: create, view, deactivate -----------------------------------------------------


def test_region_admin_creates_an_agency_then_deactivates_it(driver, base_url, demo_password, screenshot):
    short_name = unique("Uji")
    full_name = f"Badan Uji Peramban {short_name}"
    login(driver, base_url, REGION_ADMIN, demo_password)
    driver.get(f"{base_url}{AGENCIES}")
    assert short_name not in agency_short_names(driver)

    click_id(driver, "new-agency")
    fill_agency_form(driver, name=full_name, short_name=short_name, kind="badan", email="uji@probolinggo.go.id")
    fill(driver, "headName", "Kepala Badan Uji")
    fill(driver, "phone", "(0335) 421 228")
    fill(driver, "address", "Jl. Panglima Sudirman 19, Probolinggo")
    screenshot(driver, "form-filled")
    click_id(driver, "save")

    assert re.fullmatch(r"/agencies/\d+", path_of(driver)), path_of(driver)
    detail_path = path_of(driver)
    assert text_of(driver, "h1").startswith(short_name)
    assert text_of(driver, "dd#agency-name") == full_name
    assert text_of(driver, "dd#agency-status") == "Aktif"
    assert text_of(driver, "p.flash") == "Perangkat daerah ditambahkan."
    entries = history_entries(driver)
    assert len(entries) == 1 and "membuat" in entries[0], entries
    screenshot(driver, "created")

    driver.get(f"{base_url}{AGENCIES}")
    assert short_name in agency_short_names(driver)
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, short_name))
    assert path_of(driver) == detail_path, "the list links the short name to the detail page"

    click_id(driver, "deactivate")

    assert path_of(driver) == detail_path
    assert text_of(driver, "dd#agency-status") == "Nonaktif"
    assert "menonaktifkan" in history_entries(driver)[0], "the newest event comes first"
    screenshot(driver, "deactivated")

    driver.get(f"{base_url}{AGENCIES}")
    assert short_name not in agency_short_names(driver), "inactive agencies are hidden by default"
    driver.get(f"{base_url}{AGENCIES}?inactive=1")
    assert short_name in agency_short_names(driver)
    row = driver.find_element(By.XPATH, f"//table[@id='agencies']//tr[td/a[normalize-space()='{short_name}']]")
    assert "inactive" in row.get_attribute("class")
    screenshot(driver, "list-with-inactive")


# --- 4. agencies: bad input --------------------------------------------------------------------


def test_invalid_agency_input_is_refused_with_messages_next_to_fields(driver, base_url, demo_password, screenshot):
    short_name = unique("Salah")
    full_name = "Dinas Isian Salah"
    login(driver, base_url, REGION_ADMIN, demo_password)
    driver.get(f"{base_url}{AGENCIES}?inactive=1")
    names_before = agency_short_names(driver)

    # An e-mail address the server must refuse (the input is type=text, so the browser lets it through).
    click_id(driver, "new-agency")
    fill_agency_form(driver, name=full_name, short_name=short_name, email="not-an-email")
    click_id(driver, "save")

    assert http_status(driver) == 422
    assert text_of(driver, "p#form-error") == "Periksa isian yang ditandai. Tidak ada yang disimpan."
    assert text_of(driver, "p#email-error") == "Bukan alamat e-mail yang valid."
    assert driver.find_element(By.ID, "email").get_attribute("aria-invalid") == "true"
    for field_id, typed in (("name", full_name), ("shortName", short_name), ("email", "not-an-email")):
        assert driver.find_element(By.ID, field_id).get_attribute("value") == typed, f"{field_id} keeps what was typed"
    screenshot(driver, "bad-email")

    # A short name another agency of the region already has.
    fill(driver, "email", "")
    fill(driver, "shortName", "Dinkes")
    click_id(driver, "save")

    assert http_status(driver) == 409
    assert text_of(driver, "p#form-error") == "Periksa isian yang ditandai. Tidak ada yang disimpan."
    assert text_of(driver, "p#shortName-error") == "Singkatan ini sudah dipakai perangkat daerah lain di daerah ini."
    assert not exists(driver, "p#email-error")
    screenshot(driver, "duplicate-short-name")

    # An empty name, with the browser's own `required` check removed so the server has to answer.
    name_field = driver.find_element(By.ID, "name")
    driver.execute_script("arguments[0].removeAttribute('required')", name_field)
    fill(driver, "name", "")
    fill(driver, "shortName", short_name)
    click_id(driver, "save")

    assert http_status(driver) == 422
    assert text_of(driver, "p#name-error") == "Wajib diisi."
    screenshot(driver, "empty-name")

    driver.get(f"{base_url}{AGENCIES}?inactive=1")
    assert agency_short_names(driver) == names_before, "nothing was saved"


# --- 5. agency operator ------------------------------------------------------------------------


def test_agency_operator_cannot_create_agencies(driver, base_url, demo_password, screenshot):
    login(driver, base_url, AGENCY_OPERATOR, demo_password)
    driver.get(f"{base_url}{AGENCIES}")
    assert "Dinkes" in agency_short_names(driver), "the operator may read the list"
    assert not exists(driver, "a#new-agency")
    screenshot(driver, "list-without-new")

    driver.get(f"{base_url}{AGENCIES}/new")

    assert http_status(driver) == 403
    assert text_of(driver, "p#error-message") == "Anda tidak berhak membuka atau mengubah ini."
    assert not exists(driver, "form #shortName"), "no agency form is shown"
    screenshot(driver, "forbidden")


# --- 6. accounts -------------------------------------------------------------------------------


def test_region_admin_adds_an_operator_who_can_then_sign_in(driver, new_browser, base_url, demo_password, screenshot):
    email = f"{unique('operator-')}@probolinggo.pilar.test"
    name = "Operator Dispar Uji"
    password = "operator-pass-123"
    login(driver, base_url, REGION_ADMIN, demo_password)
    driver.get(f"{base_url}/users")

    click_id(driver, "new-user")
    assert (path_of(driver), http_status(driver)) == ("/users/new", 200), "the new-user form opens"
    fill(driver, "email", email)
    fill(driver, "name", name)
    Select(driver.find_element(By.ID, "role")).select_by_value("agency-operator")
    agency_select = Select(driver.find_element(By.ID, "agencyID"))
    agency_select.select_by_visible_text(f"Dispar ({REGION})")
    agency_id = agency_select.first_selected_option.get_attribute("value")
    fill(driver, "password", password)
    screenshot(driver, "form-filled")
    click_id(driver, "save")

    assert path_of(driver) == "/users"
    assert text_of(driver, "p.flash") == "Pengguna ditambahkan."
    assert email in text_of(driver, "table#users")
    screenshot(driver, "user-listed")
    logout(driver)
    assert path_of(driver) == "/login"

    # A fresh browser: nothing of the admin's session can help the new operator in.
    operator = new_browser()
    login(operator, base_url, email, password)

    # Operators land on what their agency still owes.
    assert path_of(operator) == f"/agencies/{agency_id}/reminders"
    assert name in text_of(operator, "header a.who")
    assert nav_link(operator, "Perangkat Daerah saya").get_attribute("href").endswith(f"/agencies/{agency_id}")
    screenshot(operator, "operator-home")


# --- 7. API tokens -----------------------------------------------------------------------------


def get_me(base_url: str, token: str) -> dict:
    request = urllib.request.Request(f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.load(response)


def test_api_token_created_in_the_ui_works_against_the_api(driver, base_url, demo_password, screenshot):
    token_name = unique("browser-test-")
    login(driver, base_url, PLANNER, demo_password)
    driver.get(f"{base_url}/tokens")

    fill(driver, "token-name", token_name)
    click_id(driver, "create-token")

    token = text_of(driver, "code#new-token")
    assert token.startswith("pilar_"), token
    assert token_name in text_of(driver, "table#tokens")
    screenshot(driver, "token-issued")

    me = get_me(base_url, token)
    assert me["email"] == PLANNER
    assert me["regionCode"] == REGION

    driver.get(f"{base_url}/tokens")
    assert not exists(driver, "code#new-token"), "the secret is shown only once"
    assert token_name in text_of(driver, "table#tokens")


# --- 8. phones ---------------------------------------------------------------------------------


def test_phone_sized_window_shows_login_and_region_home_without_sideways_scrolling(phone_driver, base_url, demo_password, screenshot):
    phone_driver.get(f"{base_url}/login")
    assert phone_driver.execute_script("return window.innerWidth") == 390, "the page really is phone-wide"
    assert phone_driver.find_element(By.ID, "login-submit").is_displayed()
    screenshot(phone_driver, "login")
    assert_no_horizontal_overflow(phone_driver, "the login page")

    login(phone_driver, base_url, REGION_ADMIN, demo_password)

    assert path_of(phone_driver) == REGION_HOME
    assert "Kota Probolinggo" in text_of(phone_driver, "h1")
    screenshot(phone_driver, "region-home")
    assert_no_horizontal_overflow(phone_driver, "the region home")
