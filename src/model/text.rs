//! Free text (names, notes, titles, citations) as the crate prints it: on one line.

use std::fmt;

/// Whether `s` may hold a control character: a byte test the compiler can vectorise, run on
/// every cell of a report of millions. A control character is a byte under 0x20, 0x7f, or
/// (U+0080 to U+009F) starts with 0xc2, which a few other characters (`§`, `·`) also start
/// with; those take the slow path.
fn may_hold_control(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2)
}

/// Prints free text with each control character written as its escape (`\n`, `\t`,
/// `\u{85}`): a label copied with its line break, say, then stays on its one line of a
/// printed answer or report, the columns around it stay aligned, and the reader still sees
/// that it is there. The text itself is left as it is.
pub(crate) struct OneLine<'a>(pub(crate) &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !may_hold_control(self.0) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            if c.is_control() {
                for e in c.escape_debug() {
                    fmt::Write::write_char(f, e)?;
                }
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// Appends `s` to `out` as [`OneLine`] prints it, without going through the formatter when
/// there is nothing to escape.
pub(crate) fn push_one_line(out: &mut String, s: &str) {
    if may_hold_control(s) {
        use fmt::Write as _;
        let _ = write!(out, "{}", OneLine(s));
    } else {
        out.push_str(s);
    }
}

/// [`push_one_line`] into a new string.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_one_line(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_print_as_their_escapes() {
        assert_eq!(
            OneLine("a\nb\tc\u{85}d\u{7f}").to_string(),
            "a\\nb\\tc\\u{85}d\\u{7f}"
        );
        assert_eq!(one_line("§2.1 · ok"), "§2.1 · ok");
    }

    proptest! {
        /// Whatever the text, it prints without a control character, text without any
        /// prints as it is, and the formatter and the string paths agree.
        #[test]
        fn printed_text_holds_no_control_character(s in any::<String>()) {
            let printed = OneLine(&s).to_string();
            prop_assert!(!printed.chars().any(char::is_control));
            prop_assert_eq!(&one_line(&s), &printed);
            if !s.chars().any(char::is_control) {
                prop_assert_eq!(printed, s);
            }
        }
    }
}
