import datetime as dt

import pytest

from roadmap_site.content.dates import parse_moment, parse_period, quarter_of, today


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2027-06-15", dt.date(2027, 6, 15), dt.date(2027, 6, 15), "day"),
        ("2027-06", dt.date(2027, 6, 1), dt.date(2027, 6, 30), "month"),
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29), "month"),
        ("2027-Q3", dt.date(2027, 7, 1), dt.date(2027, 9, 30), "quarter"),
        ("2027-Q4", dt.date(2027, 10, 1), dt.date(2027, 12, 31), "quarter"),
        ("2031", dt.date(2031, 1, 1), dt.date(2031, 12, 31), "year"),
    ],
)
def test_moments_cover_their_span(text, first, last, precision):
    moment = parse_moment(text)
    assert (moment.first, moment.last, moment.precision) == (first, last, precision)
    assert str(moment) == text


def test_yaml_dates_and_years_are_accepted():
    assert parse_moment(dt.date(2027, 1, 2)).precision == "day"
    assert parse_moment(2031).last == dt.date(2031, 12, 31)


@pytest.mark.parametrize("bad", ["2027-13", "2027-Q5", "2027-02-30", "June 2027", "27-06", "", True, 3.5])
def test_bad_dates_name_the_accepted_forms(bad):
    with pytest.raises(ValueError, match="YYYY-QN"):
        parse_moment(bad)


def test_labels():
    assert parse_moment("2027-Q3").label == "Q3 2027"
    assert parse_moment("2027-06").label == "Jun 2027"
    assert parse_moment("2027-06-05").label == "5 Jun 2027"


def test_periods():
    period = parse_period("2026-05 .. 2027-08")
    assert period.dated
    assert period.start.first == dt.date(2026, 5, 1)
    assert period.end.last == dt.date(2027, 8, 31)
    assert period.label == "May 2026 – Aug 2027"
    single = parse_period("2027-Q1")
    assert single.start == single.end
    assert parse_period("2028-06..2031").end.last == dt.date(2031, 12, 31)


def test_labels_without_dates_are_kept_as_text():
    for label in ["Month 3-4", "Week 1-2", "Quarter 1", "4-6 months"]:
        period = parse_period(label)
        assert not period.dated
        assert period.label == label


@pytest.mark.parametrize("bad", ["2027-08 .. 2026-05", "2027-13 .. 2028", "2027 ..", "2027 .. 2028 .. 2029"])
def test_bad_periods_are_errors_not_labels(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize("bad", ["2026-05 - 2027-08", "2026-05 to 2027-08", "2027 .. 2028 .. 2029", "2027 .."])
def test_a_period_written_wrongly_is_told_the_forms_of_a_period(bad):
    with pytest.raises(ValueError, match=r"is not a period: expected 'start \.\. end' \(e\.g\. .*\), one date .*label"):
        parse_period(bad)


def test_a_period_with_a_wrong_date_names_the_date():
    with pytest.raises(ValueError, match=r"'2027-13 \.\. 2028' is not a period: '2027-13' is not a date"):
        parse_period("2027-13 .. 2028")


def test_quarter_of_and_today(monkeypatch):
    assert quarter_of(dt.date(2027, 4, 1)) == "2027-Q2"
    monkeypatch.setenv("ROADMAP_SITE_TODAY", "2030-01-02")
    assert today() == dt.date(2030, 1, 2)
    assert today("2029-05-06") == dt.date(2029, 5, 6)


def test_a_value_is_parsed_once_per_load_and_errors_are_raised_every_time(tmp_path):
    from roadmap_site.content import dates
    from roadmap_site.content.loader import load_content
    from roadmap_site.content.problems import ContentError

    dates.forget_parsed_dates()
    first = parse_moment("2027-06")
    assert parse_moment("2027-06") is first  # shared: a Moment is frozen
    assert parse_moment(dt.date(2027, 6, 1)) is parse_moment(dt.date(2027, 6, 1))
    assert parse_moment(dt.datetime(2027, 6, 1, 9)) == parse_moment(dt.date(2027, 6, 1))
    for _ in range(2):
        with pytest.raises(ValueError, match="is not a date"):
            parse_moment("2027-13")
    with pytest.raises(ValueError, match="got list"):
        parse_moment(["2027"])  # not hashable: not looked up in the cache
    (tmp_path / "content").mkdir()
    with pytest.raises(ContentError):  # (an empty folder: the cache is emptied first)
        load_content(tmp_path / "content", tmp_path)
    assert parse_moment("2027-06") is not first  # a load starts with none
