import datetime as dt

from indexer.dates import date_range, find_dates, gregorian_year, parse_date


def test_buddhist_era_years_become_gregorian():
    assert gregorian_year(2565) == 2565 - 543 == 2022
    assert gregorian_year(2022) == 2022


def test_thai_dates_in_running_text():
    text = "วันจันทร์ที่ 7 พฤศจิกายน 2565 ... เมื่อวันที่ ๑๕ มกราคม ๒๕๖๘ ... 03/04/2568"
    assert find_dates(text) == [dt.date(2022, 11, 7), dt.date(2025, 1, 15), dt.date(2025, 4, 3)]


def test_english_dates():
    assert find_dates("signed on 8 November 2022 and approved Oct 25, 2022") == [
        dt.date(2022, 11, 8), dt.date(2022, 10, 25)]


def test_double_spaces_and_invalid_dates():
    assert parse_date("7  พฤศจิกายน  2565") == "2022-11-07"
    assert find_dates("31/02/2565") == []


def test_partial_dates_keep_their_precision():
    assert parse_date("2560") == "2017"
    assert parse_date("2022-11") == "2022-11"
    assert date_range("2017") == ("2017-01-01", "2017-12-31")
    assert date_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_range("2022-11-07") == ("2022-11-07", "2022-11-07")
