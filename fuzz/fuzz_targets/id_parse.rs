//! Any text through every id parser: never a panic, and whatever parses prints back to text
//! that parses to the same value.
#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use gdc_map::{ActionLine, EntityId, Objective, PactActionId, PartialDate, Sdg, SectionRef};
use libfuzzer_sys::fuzz_target;

fn round_trip<T: FromStr + Display + PartialEq + std::fmt::Debug>(s: &str) {
    if let Ok(v) = s.parse::<T>() {
        let again: T = v.to_string().parse().ok().expect("printed ids parse");
        assert_eq!(again, v);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(s) = std::str::from_utf8(bytes) else {
        return;
    };
    round_trip::<EntityId>(s);
    round_trip::<PactActionId>(s);
    round_trip::<PartialDate>(s);
    round_trip::<SectionRef>(s);
    round_trip::<Sdg>(s);
    round_trip::<ActionLine>(s);
    if let Ok(o) = s.parse::<Objective>() {
        assert_eq!(o.number().to_string().parse::<Objective>().ok(), Some(o));
    }
});
