"""Every claim of the source post is taught somewhere, and every link goes to a real section."""

from __future__ import annotations

from pathlib import Path

from coprod import claims_coverage

BOOK = Path(__file__).resolve().parents[1] / "book"


def coverage():
    return claims_coverage(
        BOOK / "instructors" / "claims.yml", list((BOOK / "modules").glob("*/claims.yml")), BOOK
    )


def test_all_44_claims_are_listed_and_mapped():
    cov = coverage()
    assert list(cov.claims) == [f"C{n:02d}" for n in range(1, 45)]
    assert cov.unmapped == []
    assert cov.unknown_claims == []


def test_every_mapped_label_exists_in_the_book():
    assert coverage().unknown_labels == []


def test_table_links_each_claim_to_its_sections():
    table = coverage().markdown()
    assert "| C19 |" in table and "{ref}`m3-specialist`" in table
    assert "not yet taught" not in table


def test_a_missing_claim_or_label_is_reported(tmp_path: Path):
    claims = tmp_path / "claims.yml"
    claims.write_text("C01: one\nC02: two\n")
    mapping = tmp_path / "m.yml"
    mapping.write_text("C01: [no-such-section]\n")
    cov = claims_coverage(claims, [mapping], BOOK)
    assert cov.unmapped == ["C02"]
    assert cov.unknown_labels == ["no-such-section"]
