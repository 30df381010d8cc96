//! Dates as precise as the sources give them: a year, a month, or a day.

use std::fmt;
use std::str::FromStr;

use super::id::{IdError, serde_via_str};

/// A calendar date known to the year, the month or the day: `2024`, `2024-10`, `2024-10-21`.
///
/// Ordering compares year, then month, then day; a date known only to the month sorts before
/// every day of that month.
///
/// # Example
/// ```
/// use gdc_map::PartialDate;
///
/// let first_meeting: PartialDate = "2024-10-21".parse()?;
/// let established: PartialDate = "2024-10".parse()?;
/// assert!(established < first_meeting);
/// assert_eq!(first_meeting.year(), 2024);
/// assert!("2025-02-30".parse::<PartialDate>().is_err());
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// The earliest and latest years accepted.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1800..=2200;

    /// Builds a date; `day` needs `month`.
    ///
    /// # Errors
    /// [`IdError`] when the year is outside 1800..=2200, the month outside 1..=12, the day not
    /// in that month, or a day is given without a month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, IdError> {
        let shown = match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            (None, Some(d)) => format!("{year:04}-??-{d:02}"),
            (None, None) => format!("{year:04}"),
        };
        let bad = |reason| Err(IdError::new("date", &shown, reason));
        if !Self::YEARS.contains(&year) {
            return bad("the year must be between 1800 and 2200");
        }
        match (month, day) {
            (None, Some(_)) => bad("a day needs a month"),
            (Some(m), _) if !(1..=12).contains(&m) => bad("the month must be between 1 and 12"),
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                bad("that day does not exist in that month")
            }
            _ => Ok(PartialDate { year, month, day }),
        }
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12, when known.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(self) -> Option<u8> {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl FromStr for PartialDate {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let bad = || IdError::new("date", s, "expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`");
        let mut parts = s.split('-');
        let mut field = |width: usize| -> Result<Option<u16>, IdError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let year = field(4)?.ok_or_else(bad)?;
        let month = field(2)?;
        let day = field(2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        let narrow = |v: Option<u16>| v.map(|v| u8::try_from(v).map_err(|_| bad())).transpose();
        PartialDate::new(year, narrow(month)?, narrow(day)?)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

serde_via_str!(PartialDate);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_round_trips() {
        for s in ["2024", "2024-10", "2024-10-21", "2024-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for bad in [
            "",
            "24",
            "2024-1",
            "2024-13",
            "2023-02-29",
            "2024-10-21-1",
            "2024--01",
            "x",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }
}
