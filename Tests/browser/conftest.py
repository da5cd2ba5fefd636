"""Fixtures for Pilar's browser tests.

One real Pilar server per test session (the already-built binary, a throw-away SQLite database
seeded with the demo region), and a fresh headless Chromium per test so no cookie, session or
language choice leaks from one story into the next.
"""

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = REPO_ROOT / ".build" / "debug" / "pilar"
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP_SIZE = (1280, 900)
PHONE_SIZE = (390, 844)  # a common modern phone viewport

DEMO_PASSWORD = "browser-demo-pass"
HEALTH_TIMEOUT_SECONDS = 60

# Drivers opened for the running test, so the failure hook can photograph them before teardown.
_BROWSERS = pytest.StashKey[list]()


# --- the server --------------------------------------------------------------------------------


def _free_port() -> int:
    # Ask the kernel for an unused port. Another process could grab it before Pilar binds it,
    # but on a test machine that race is rare enough not to need more machinery.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_environment(workdir: Path) -> dict:
    return {
        **os.environ,
        # sqlite:// followed by an absolute path, i.e. sqlite:///tmp/.../pilar.sqlite
        "DATABASE_URL": f"sqlite://{workdir / 'pilar.sqlite'}",
        "PILAR_BCRYPT_COST": "6",  # the production cost would make every login noticeably slow
        "LOG_LEVEL": "warning",
    }


def _seed(binary: Path, env: dict) -> None:
    result = subprocess.run(
        [str(binary), "seed", "demo", "--password", DEMO_PASSWORD],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"`pilar seed demo` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)


def _log_tail(log_path: Path, lines: int = 40) -> str:
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _wait_for_health(base_url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pilar serve exited with {process.returncode}:\n{_log_tail(log_path)}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or the database is not ready yet
        time.sleep(0.25)
    pytest.fail(f"pilar serve did not report healthy within {HEALTH_TIMEOUT_SECONDS}s:\n{_log_tail(log_path)}", pytrace=False)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory) -> str:
    """Seeds a fresh database, starts `pilar serve` on a free port, and stops it after the session."""
    binary = Path(os.environ.get("PILAR_BIN", DEFAULT_BINARY))
    if not binary.is_file():
        pytest.fail(f"Pilar binary not found at {binary} (set PILAR_BIN)", pytrace=False)

    workdir = tmp_path_factory.mktemp("pilar")
    env = _server_environment(workdir)
    _seed(binary, env)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = workdir / "serve.log"
    with open(log_path, "wb") as log:
        # The repository root is the working directory: the binary finds its resources from there.
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_health(url, process, log_path)
            yield url
        finally:
            _stop(process)


@pytest.fixture(scope="session")
def demo_password() -> str:
    return DEMO_PASSWORD


# --- browsers ----------------------------------------------------------------------------------


def _chrome_options(width: int, height: int) -> Options:
    options = Options()
    options.binary_location = CHROMIUM
    # --no-sandbox and --disable-dev-shm-usage: Chromium runs as root in a container with a tiny /dev/shm.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    return options


@pytest.fixture
def new_browser(request):
    """Factory for extra browsers in one test (e.g. a second person signing in). All are closed after the test."""
    browsers = request.node.stash.setdefault(_BROWSERS, [])

    def open_browser(size=DESKTOP_SIZE) -> webdriver.Chrome:
        browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(*size))
        browser.set_page_load_timeout(30)
        browsers.append(browser)
        return browser

    yield open_browser
    for browser in browsers:
        browser.quit()
    browsers.clear()


@pytest.fixture
def driver(new_browser) -> webdriver.Chrome:
    """A desktop-sized headless Chromium."""
    return new_browser(DESKTOP_SIZE)


@pytest.fixture
def phone_driver(new_browser) -> webdriver.Chrome:
    """A phone-sized headless Chromium: a 390 px wide viewport with mobile rendering."""
    browser = new_browser(PHONE_SIZE)
    # Headless Chromium silently widens windows narrower than 500 px, so --window-size alone would
    # test a 500 px page. The DevTools override pins the viewport to the phone's real width.
    width, height = PHONE_SIZE
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return browser


# --- screenshots -------------------------------------------------------------------------------


def _save_screenshot(browser: webdriver.Chrome, test_name: str, step: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    # Parametrised test names contain brackets and the like; keep file names plain.
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{test_name}-{step}").strip("_")
    path = SCREENSHOT_DIR / f"{safe}.png"
    browser.save_screenshot(str(path))
    return path


@pytest.fixture
def screenshot(request):
    """`screenshot(browser, "step")` saves artifacts/screenshots/<test-name>-<step>.png."""
    return lambda browser, step: _save_screenshot(browser, request.node.name, step)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Runs before fixture teardown, so the browsers of a failing test are still open here and the
    # picture shows what the page looked like when the assertion failed.
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for index, browser in enumerate(item.stash.get(_BROWSERS, [])):
        step = "failure" if index == 0 else f"failure-{index + 1}"
        try:
            _save_screenshot(browser, item.name, step)
        except Exception as error:  # a crashed browser must not hide the real failure
            report.sections.append(("screenshot", f"could not save {step} screenshot: {error}"))
