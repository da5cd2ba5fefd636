"""Helpers shared by the browser stories: the demo's people, and small page actions and reads.

Kept free of assertions about any one feature, so every test module can use them.
"""

import time
from urllib.parse import urlsplit

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REGION = "35.74"
REGION_HOME = f"/regions/{REGION}"

NATIONAL_ADMIN = "nasional@pilar.test"
REGION_ADMIN = "diskominfo@probolinggo.pilar.test"
PLANNER = "bappeda@probolinggo.pilar.test"
AGENCY_OPERATOR = "dinkes@probolinggo.pilar.test"
COUNCIL = "dewan@probolinggo.pilar.test"
VIEWER = "tamu@probolinggo.pilar.test"


def unique(prefix: str) -> str:
    """A value no earlier run has used, so tests can share one database and still be re-run."""
    return f"{prefix}{time.time_ns() // 1_000_000}"


def path_of(browser) -> str:
    return urlsplit(browser.current_url).path


def http_status(browser) -> int:
    # WebDriver hides HTTP statuses; Chromium exposes the document's own status in Navigation Timing.
    return browser.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus")


def text_of(browser, css: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, css).text.strip()


def exists(browser, css: str) -> bool:
    return bool(browser.find_elements(By.CSS_SELECTOR, css))


def fill(browser, field_id: str, value: str) -> None:
    field = browser.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(value)


def click_and_wait(browser, element) -> None:
    """Clicks something that loads a new page and waits until that page is there.

    Waiting for the old <html> to go stale avoids reading the previous page after a form post.
    While the document is being swapped ChromeDriver sometimes answers with a generic error
    ("Node with given id does not belong to the document") instead of "stale element", so any
    WebDriver error during the wait means "look again", not "fail".
    """
    old_page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,))
    wait.until(EC.staleness_of(old_page))
    wait.until(lambda b: b.execute_script("return document.readyState") == "complete")


def click_id(browser, element_id: str) -> None:
    click_and_wait(browser, browser.find_element(By.ID, element_id))


def login(browser, base_url: str, email: str, password: str) -> None:
    browser.get(f"{base_url}/login")
    fill(browser, "email", email)
    fill(browser, "password", password)
    click_id(browser, "login-submit")


def logout(browser) -> None:
    click_id(browser, "logout")


def nav_link(browser, text: str):
    return browser.find_element(By.CSS_SELECTOR, "header nav").find_element(By.LINK_TEXT, text)
