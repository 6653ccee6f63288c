"""A published guideline edition as OSCAL (1.1.x JSON): one catalog, one profile per package.

The catalog is built from ``services.serialize_edition``, the data the
edition's digest covers, so it says exactly what the edition says: categories
become groups, statements controls (id ``s1-2`` for code "(1)-2"), the
classification and party portal-namespaced props, references back-matter
resources the controls link to. OSCAL text has one language, so the builder
takes one (``ja``, the guideline's own, or ``en``).

Every document's uuid is a uuid5 of the edition's label, content digest,
language and (for a profile) package, and its timestamps are the edition's
publication: an export made twice is the same byte for byte.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

OSCAL_VERSION = "1.1.2"
LANGUAGES = ("ja", "en")
# The root every uuid of an export descends from; changing it changes them all.
_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "urn:declaration-portal:guideline:oscal")

JSON = dict[str, Any]

# The portal's props of each kind of item, in order: the keys of the item's data
# (a statement's classification counts as its own). An item without the key gets no
# prop, so a new field of the data (its provenance, say) is one more name here.
STATEMENT_PROPS = ("alignment", "effect", "difficulty", "party")
CATEGORY_PROPS = ("party", "responsibility")
REFERENCE_PROPS = ("key",)


def namespace() -> str:
    """Where the props of the portal's own vocabulary (alignment, party…) are defined."""
    return settings.SITE_URL + "/ns/oscal"


def control_id(code: str) -> str:
    """OSCAL ids are tokens that start with a letter: "(1)-2" becomes "s1-2"."""
    return "s" + code.replace("(", "").replace(")", "")


def group_id(number: int) -> str:
    return f"c{number}"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT, "/".join(parts)))


def _text(bilingual: dict[str, str], lang: str) -> str:
    """The text in ``lang``, else the other language's: OSCAL wants one, never empty."""
    other = "en" if lang == "ja" else "ja"
    return (bilingual.get(lang) or bilingual.get(other) or "").strip()


def _prop(name: str, value: object, *, portal: bool = True) -> list[JSON]:
    """One prop (the portal's, unless ``portal`` is false: OSCAL's own), or none without a value.

    OSCAL refuses empty values.
    """
    if value in (None, ""):
        return []
    prop: JSON = {"name": name, "value": str(value)}
    if portal:
        prop["ns"] = namespace()
    return [prop]


def _provenance_props(item: JSON) -> list[JSON]:
    """Where each part of an item comes from: ``title-source`` ``seed``, ``title-source-page`` 18…

    An edition has one provenance; the other items one per field group.
    """
    provenance = item.get("provenance") or {}
    groups = {"": provenance} if "source" in provenance else provenance
    return [
        prop
        for group, origin in groups.items()
        for prop in (
            *_prop(f"{group}-source".lstrip("-"), origin.get("source")),
            *_prop(f"{group}-source-page".lstrip("-"), origin.get("page")),
        )
    ]


def _item_props(item: JSON, names: Iterable[str]) -> list[JSON]:
    """The portal's props of one item, in the order of ``names``; none for a missing key."""
    return [p for name in names for p in _prop(name, item.get(name))]


class Context:
    """What one export is made of: the edition's data, its publication and the language."""

    def __init__(self, data: JSON, *, digest: str, published: str, lang: str):
        self.data = data
        self.label: str = data["edition"]
        self.digest = digest
        self.published = published
        self.lang = lang

    def uuid(self, *parts: str) -> str:
        return _uuid(self.label, self.digest, self.lang, *parts)

    def metadata(self, title: str, *, remarks: str = "") -> JSON:
        metadata: JSON = {
            "title": title,
            "published": self.published,
            "last-modified": self.published,
            "version": self.label,
            "oscal-version": OSCAL_VERSION,
            "props": [
                *_prop("content-digest", f"sha256:{self.digest}"),
                *_provenance_props(self.data),
            ],
        }
        if remarks:
            metadata["remarks"] = remarks
        return metadata


def _statement_control(ctx: Context, statement: JSON, party: str, page_url: Callable[[str], str]):
    cid = control_id(statement["code"])
    fields = {**statement, **statement["classification"], "party": party}
    control: JSON = {
        "id": cid,
        "class": "statement",
        "title": _text(statement["title"], ctx.lang),
        "props": [
            *_prop("label", statement["code"], portal=False),
            *_item_props(fields, STATEMENT_PROPS),
            *_provenance_props(statement),
            *(p for kind in statement["packages"] for p in _prop("package", kind)),
        ],
        "links": [
            {"href": page_url(cid[1:]), "rel": "alternate"},
            *(
                {
                    "href": "#" + ctx.uuid("reference", link["reference"]),
                    "rel": "reference",
                    "text": _text(link["locator"], ctx.lang),
                }
                for link in statement["references"]
            ),
        ],
    }
    description = _text(statement["description"], ctx.lang) or control["title"]
    control["parts"] = [
        {"id": f"{cid}_smt", "name": "statement", "prose": description},
    ]
    return control


def _category_group(ctx: Context, category: JSON, page_url: Callable[[str], str]) -> JSON:
    group: JSON = {
        "id": group_id(category["number"]),
        "class": "category",
        "title": _text(category["title"], ctx.lang),
        "props": [
            *_prop("label", f"({category['number']})", portal=False),
            *_item_props(category, CATEGORY_PROPS),
            *_provenance_props(category),
        ],
    }
    summary = _text(category["summary"], ctx.lang)
    if summary:
        group["parts"] = [
            {"id": f"{group['id']}_ovw", "name": "overview", "prose": summary},
        ]
    group["controls"] = [
        _statement_control(ctx, s, category["party"], page_url) for s in category["statements"]
    ]
    return group


def _back_matter(ctx: Context) -> JSON:
    resources = []
    for reference in ctx.data["references"]:
        resource: JSON = {
            "uuid": ctx.uuid("reference", reference["key"]),
            "title": _text(reference["title"], ctx.lang),
            "props": [
                *_item_props(reference, REFERENCE_PROPS),
                *_prop("source", reference.get("source")),
                *_prop("source-page", reference.get("source_page")),
            ],
        }
        publisher = _text(reference["publisher"], ctx.lang)
        if publisher:
            resource["citation"] = {"text": publisher}
        if reference["url"]:
            resource["rlinks"] = [{"href": reference["url"]}]
        resources.append(resource)
    return {"resources": resources}


def catalog(ctx: Context, *, page_url: Callable[[str], str]) -> JSON:
    """The edition as an OSCAL catalog; ``page_url(slug)`` is a statement's page on the portal."""
    title = _text(ctx.data["title"], ctx.lang)
    body: JSON = {
        "uuid": ctx.uuid("catalog"),
        "metadata": ctx.metadata(title),
        "groups": [_category_group(ctx, c, page_url) for c in ctx.data["categories"]],
    }
    if ctx.data["references"]:
        body["back-matter"] = _back_matter(ctx)
    return {"catalog": body}


def package_kinds(ctx: Context) -> list[str]:
    return [p["kind"] for p in ctx.data["packages"]]


def profile(ctx: Context, kind: str, *, catalog_href: str) -> JSON | None:
    """The package ``kind`` as an OSCAL profile selecting its statements from the catalog."""
    package = next((p for p in ctx.data["packages"] if p["kind"] == kind), None)
    if package is None:
        return None
    edition_title = _text(ctx.data["title"], ctx.lang)
    title = f"{_text(package['title'], ctx.lang)} — {edition_title}"
    return {
        "profile": {
            "uuid": ctx.uuid("profile", kind),
            "metadata": ctx.metadata(title, remarks=_text(package["description"], ctx.lang)),
            "imports": [
                {
                    "href": catalog_href,
                    "include-controls": [
                        {"with-ids": [control_id(code) for code in package["statements"]]}
                    ],
                }
            ],
            "merge": {"as-is": True},
        }
    }
