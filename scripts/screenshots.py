"""`make screenshots`: the pictures in the README, taken from the demo data.

Seeds a fresh database (in a temporary directory) with `seed_demo`, serves it with
`runserver`, and drives Debian's chromium through Playwright as the browser tests
do. Writes docs/screenshots/*.png: the guideline, a drafting answer page, the
signed PDF's first page (pdftoppm), a verification result and the registry.
Each PNG is reduced to a 256-colour palette to stay small.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 860}
EDITOR = "editor@demo.example"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _compress(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(f"  {path.relative_to(ROOT)}: {path.stat().st_size // 1024} kB")


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit("the development server stopped")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("the development server did not answer")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as directory:
        _photograph(Path(directory))


def _photograph(work: Path) -> None:
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{work / 'portal.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        DJANGO_SETTINGS_MODULE="portal.settings",
        # The demo's emails and task logs are not what this is for.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("create_dev_signing_key", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())

    from declarations.management.commands.seed_demo import DEMO_PASSWORD
    from declarations.models import Declaration

    draft = Declaration.objects.drafts().filter(organization__corporate_number="6010001000001")
    draft = draft.order_by("pk").first()
    signed = Declaration.objects.filter(status=Declaration.Status.PUBLISHED).exclude(pdf_file="")
    signed = signed.order_by("pk").first()
    if draft is None or signed is None:
        sys.exit("the demo data has no draft or no signed PDF")
    pdf = Path(signed.pdf_file.path)

    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 - poppler on our own file
        [
            "pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(OUT / "signed-pdf"),
        ],
        check=True,
    )
    _compress(OUT / "signed-pdf.png")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(url, server)
        _browse(url, draft.pk, pdf, DEMO_PASSWORD)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _browse(url: str, draft_pk: int, pdf: Path, password: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(base_url=url, locale="ja-JP", viewport=VIEWPORT)
        page = context.new_page()
        page.set_default_timeout(20_000)

        def shot(name: str) -> None:
            path = OUT / f"{name}.png"
            page.screenshot(path=str(path))
            _compress(path)

        page.goto("/guideline/")
        shot("guideline")

        page.goto("/registry/")
        shot("registry")

        page.goto("/verify/")
        page.locator('input[type="file"]').set_input_files(str(pdf))
        page.locator('form[enctype="multipart/form-data"] [type="submit"]').click()
        page.locator("#verdict").scroll_into_view_if_needed()
        shot("verification")

        page.goto("/accounts/login/")
        page.get_by_label("メールアドレス").fill(EDITOR)
        page.get_by_label("パスワード").fill(password)
        page.get_by_role("button", name="ログイン", exact=True).click()
        page.wait_for_url(lambda address: "/accounts/login/" not in address)
        page.goto(f"/declarations/{draft_pk}/categories/1/")
        shot("drafting")
        browser.close()


if __name__ == "__main__":
    main()
