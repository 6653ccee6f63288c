"""How the portal drives Debian's chromium: headless, with the system's browser
(never one Playwright downloads). Shared by the browser tests and `make screenshots`;
imports nothing of Django."""

import os
import shutil

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def launch(playwright):
    path = chromium_path()
    if not path:
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium).")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
