//! Dates as content gives them, one parser for every file kind: front matter's `date` and the
//! date line of a plain-text article accept the same forms, with the same messages.
//!
//! Messages show the date as written (cut short), never the rest of its line.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// The years a date may have. Outside them a day's folder would not be four digits (`/0999/`,
/// `/10000/`) and the sitemap's and feeds' dates would not be valid.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// The message for a date outside [`YEARS`]; `written` is the date as the file gives it.
pub fn year_out_of_range(written: &str) -> String {
    let shown: String = written.chars().take(40).collect();
    format!(
        "date {shown} is out of range: years {}–{}",
        YEARS.start(),
        YEARS.end()
    )
}

/// Strict `YYYY-MM-DD`, with distinct messages for a malformed, an out-of-range and an
/// impossible date.
pub fn parse_iso_date(token: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = token.split('-').collect();
    let well_formed = parts.len() == 3
        && parts[0].len() >= 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        let shown: String = token.chars().take(30).collect();
        return Err(format!("invalid date `{shown}`: expected YYYY-MM-DD"));
    }
    // A year of five or more digits does not fit an i32 at some length: out of range too.
    let y = parts[0].parse::<i32>().unwrap_or(0);
    if parts[0].len() != 4 || !YEARS.contains(&y) {
        return Err(year_out_of_range(token));
    }
    let (m, d) = (
        parts[1].parse::<u32>().unwrap_or(0),
        parts[2].parse::<u32>().unwrap_or(0),
    );
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("impossible date `{token}`: there is no such day"))
}

/// A date as front matter's `date` and a plain-text article's date line give it: `YYYY-MM-DD`,
/// RFC 3339 (`2025-04-18T10:30:00+02:00`), or `YYYY-MM-DD HH:MM[:SS]` in the site's zone. The
/// day is the one the time falls on in the site's zone (`tz`), and the full time is returned
/// when one is given.
pub fn parse_date_value(
    value: &str,
    tz: FixedOffset,
) -> Result<(NaiveDate, Option<DateTime<FixedOffset>>), String> {
    let v = value.trim();
    // The date part on its own first: a malformed, out-of-range or impossible day gets its
    // precise message whatever follows it.
    let day = v.split(['T', 't', ' ']).next().unwrap_or(v);
    if !day.is_empty() && day.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        let date = parse_iso_date(day)?;
        if day.len() == v.len() {
            return Ok((date, None));
        }
    }
    // A time can move the day into another year in the site's zone (`9999-12-31T23:00-05:00`
    // is 10000-01-01 in UTC): the day the item is filed under must be in range too.
    let in_range = |local: NaiveDate| {
        if YEARS.contains(&local.year()) {
            Ok(())
        } else {
            Err(format!(
                "{} (in the site's time zone it is {:04}-{:02}-{:02})",
                year_out_of_range(v),
                local.year(),
                local.month(),
                local.day()
            ))
        }
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        let local = dt.with_timezone(&tz).date_naive();
        in_range(local)?;
        return Ok((local, Some(dt)));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(v, fmt)
            && let Some(dt) = tz.from_local_datetime(&naive).single()
        {
            in_range(naive.date())?;
            return Ok((naive.date(), Some(dt)));
        }
    }
    let shown: String = v.chars().take(40).collect();
    Err(format!(
        "invalid date `{shown}`: expected YYYY-MM-DD or an RFC 3339 date-time"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn dates_and_datetimes() {
        let (d, t) = parse_date_value("2025-04-18", utc()).unwrap();
        assert_eq!(d.to_string(), "2025-04-18");
        assert!(t.is_none());
        // 23:30 at -05:00 is the next day in UTC, but the day is taken in the site's zone.
        let (d, _) = parse_date_value("2025-04-18T23:30:00-05:00", utc()).unwrap();
        assert_eq!(d.to_string(), "2025-04-19");
        let (d, _) = parse_date_value("2025-04-18 09:15", utc()).unwrap();
        assert_eq!(d.to_string(), "2025-04-18");
        assert!(
            parse_date_value("2025-02-30", utc())
                .unwrap_err()
                .contains("impossible")
        );
        assert!(
            parse_date_value("yesterday", utc())
                .unwrap_err()
                .contains("invalid date")
        );
    }

    #[test]
    fn years_out_of_range() {
        let err = |v: &str| parse_date_value(v, utc()).unwrap_err();
        for v in [
            "10000-01-01",
            "0000-01-01",
            "10000-01-01T00:00:00Z",
            "0999-12-31 10:00",
        ] {
            let day = v.split(['T', ' ']).next().unwrap();
            assert_eq!(
                err(v),
                format!("date {day} is out of range: years 1000–9999"),
                "{v}"
            );
        }
        // In range as written, out of range in the site's zone.
        assert_eq!(
            err("9999-12-31T23:00:00-05:00"),
            "date 9999-12-31T23:00:00-05:00 is out of range: years 1000–9999 (in the site's time zone it is 10000-01-01)"
        );
        assert!(
            err("1000-01-01T01:00:00+05:00").contains("it is 0999-12-31"),
            "{}",
            err("1000-01-01T01:00:00+05:00")
        );
        assert!(err("+10000-01-01 00:00").contains("out of range"));
        assert!(parse_date_value("9999-12-31T23:00:00Z", utc()).is_ok());
        assert!(parse_date_value("1000-01-01", utc()).is_ok());
    }
}
