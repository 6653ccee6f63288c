"""Page 1 keeps the verification block even with every optional fact printed: a renewal's
"supersedes" row and a bilingual declaration's authoritative language."""

from declarations import tasks
from declarations.models import Answer, Declaration
from declarations.services import renew_declaration
from tests.conftest import attest
from tests.declarations.conftest import run


def test_a_renewal_in_english_still_has_the_verification_on_page_one(
    complete_draft, sam, portal_pki, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = renew_declaration(declaration=attest(complete_draft, sam), user=sam)
    Declaration.objects.filter(pk=draft.pk).update(language="en")
    Answer.objects.filter(declaration=draft).update(status="conformant")
    renewal = attest(draft, sam)
    tasks.generate_pdf.delay(renewal.pk)
    renewal.refresh_from_db()
    path = tmp_path / "renewal.pdf"
    path.write_bytes(renewal.pdf_file.read())
    first = " ".join(run("pdftotext", "-enc", "UTF-8", "-l", "1", str(path), "-").split())
    assert "置き換え前の宣言 Supersedes" in first and "英語 English" in first
    assert "Verifying offline" in first and f"/verify/{renewal.serial}/" in first
