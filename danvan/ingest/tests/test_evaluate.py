"""The scorer used by benchmarks/extract_eval.py."""

import pytest

from danvan.ingest.evaluate import norm, prf, score


@pytest.mark.parametrize(
    "a, b",
    [
        ("Thành uỷ", "Thành ủy"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoẻ", "khỏe"),
        ("Ủy\u00a0viên  Trung ương", "ủy viên trung ương"),
        ("Quý", "quý"),
        ("Ha\u0323 Long", "Hạ Long"),
    ],
)
def test_norm_equates(a, b):
    assert norm(a) == norm(b)


def test_norm_keeps_quy_and_hoan():
    assert norm("quý") == "quý"  # "qu" + "ý": no tone to move
    assert norm("hoàn") == "hoàn"  # not syllable-final: new and old style agree


def test_prf_is_a_multiset_match():
    m = prf([1, 1, 2], [1, 3])
    assert (m.tp, m.fp, m.fn) == (1, 1, 2)
    assert prf([], []).f1 == 1.0


def test_score_per_field():
    gold = [
        {
            "id": "a",
            "people": [{"name": "Lê Văn A", "positions": "Bí thư Thành uỷ"}],
            "documents": [{"code": "1-NQ/TU", "date": None}],
            "figures": [{"what": "key_tasks", "value": 5}],
            "event_kind": "so_ket",
            "event_date": None,
            "level": "huyen",
        }
    ]
    pred = [
        {
            "id": "a",
            "people": [{"name": "lê văn a", "positions": "Bí thư Thành ủy"}],
            "documents": [{"code": "1-NQ/TU", "date": "2024-01-01"}],
            "figures": [{"what": "key_tasks", "value": 5.0}],
            "event_kind": "so_ket",
            "event_date": None,
            "level": "xa",
        }
    ]
    s = score(gold, pred)
    assert s["people_positions"]["f1"] == 1.0
    assert s["documents"]["f1"] == 0.0 and s["document_codes"]["f1"] == 1.0
    assert s["figures"]["f1"] == 1.0
    assert s["event_kind_accuracy"] == 1.0 and s["level_accuracy"] == 0.0
