"""A second guideline edition for the tests of what changed between editions."""

from guidelines.models import Category, Edition, PackageStatement, Statement
from guidelines.services import publish_edition, start_draft_from


def publish_newer_edition(guideline: Edition) -> Edition:
    """Edition 2026-04: (1)-2 reworded, (4)-1 now in Minimum, (5)-2 dropped, (1)-5 new
    (in Minimum)."""
    draft = start_draft_from(edition=guideline, label="2026-04")
    Statement.objects.filter(edition=draft, code="(1)-2").update(title_ja="改訂された要求事項")
    statement_41 = Statement.objects.get(edition=draft, code="(4)-1")
    PackageStatement.objects.create(
        package=draft.package_set.get(kind="minimum"), statement=statement_41
    )
    Statement.objects.filter(edition=draft, code="(5)-2").delete()
    new = Statement.objects.create(
        edition=draft,
        category=Category.objects.get(edition=draft, number=1),
        code="(1)-5",
        position=5,
        title_ja="新しい要求事項",
        title_en="A new statement",
        alignment="matches_foreign",
        effect="direct",
        difficulty="low",
    )
    PackageStatement.objects.create(package=draft.package_set.get(kind="minimum"), statement=new)
    publish_edition(edition=draft)
    return Edition.objects.get(pk=draft.pk)
