//! No payment-card data anywhere (FZ-NO-CARD / UQ-NO-CARD): what counts as a card number,
//! the refusal the service gives for one, and the mask the scrubbers put over one.
//!
//! A card number is a Luhn-valid run of 13 to 19 digits, with single spaces or dashes
//! allowed between them ("4111 1111 1111 1111", "4111-1111-1111-1111"). Digits split by
//! anything else ("4111.1111.1111.1111") are not one number. A run written after `+` is
//! an international phone number (E.164 allows 15 digits), never a card number.

use std::borrow::Cow;
use std::ops::Range;

/// The clauses, as a refusal names them.
pub const CLAUSE: &str = "FZ-NO-CARD / UQ-NO-CARD";

/// What the scrubbers write in place of a card number.
pub const MASK: &str = "[card number removed]";

pub const MIN_DIGITS: usize = 13;
pub const MAX_DIGITS: usize = 19;

/// The refusal's sentence for a field holding a card number; it never echoes the value.
pub fn refusal(field: &str) -> String {
    format!("`{field}` holds what looks like a payment card number; card data is never stored ({CLAUSE})")
}

/// Whether `text` holds a card number anywhere.
pub fn holds_card_number(text: &str) -> bool {
    find(text).next().is_some()
}

/// `text` with every card number replaced by [`MASK`]; borrowed when there is none.
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut found = find(text).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for span in found {
        out.push_str(&text[from..span.start]);
        out.push_str(MASK);
        from = span.end;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The byte ranges of the card numbers in `text`, in order, not overlapping.
pub fn find(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    runs(text).flat_map(|run| card_spans(text, run))
}

/// A group of adjacent digits: its byte range.
type Group = Range<usize>;

fn is_separator(b: u8) -> bool {
    b == b' ' || b == b'-'
}

/// Whether a decimal point joins digits at `dot`: `0.9991841491841492` is one decimal number
/// (an uptime ratio, a mean latency), and its 16 fraction digits are not a card number.
fn decimal_point(bytes: &[u8], dot: usize) -> bool {
    bytes.get(dot) == Some(&b'.')
        && dot > 0
        && bytes[dot - 1].is_ascii_digit()
        && bytes.get(dot + 1).is_some_and(u8::is_ascii_digit)
}

/// Maximal runs of digit groups joined by single separators, except runs written after `+`
/// and the parts of a decimal number.
fn runs(text: &str) -> impl Iterator<Item = Vec<Group>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let phone = i > 0 && bytes[i - 1] == b'+';
            let mut groups = Vec::new();
            loop {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                groups.push(start..i);
                let joined =
                    i + 1 < bytes.len() && is_separator(bytes[i]) && bytes[i + 1].is_ascii_digit();
                if !joined {
                    break;
                }
                i += 1;
            }
            let decimal = (start > 0 && decimal_point(bytes, start - 1)) || decimal_point(bytes, i);
            if !phone && !decimal {
                return Some(groups);
            }
        }
        None
    })
}

/// The card numbers of one run: the longest Luhn-valid stretch of whole groups with 13-19
/// digits at each place, left to right. A single group is one number or none: 20 digits
/// written together are not a card number followed by one more digit.
fn card_spans(text: &str, groups: Vec<Group>) -> Vec<Range<usize>> {
    let digits = |g: &[Group]| g.iter().map(|r| r.len()).sum::<usize>();
    let mut spans = Vec::new();
    let mut first = 0;
    while first < groups.len() {
        let mut best = None;
        for last in first..groups.len() {
            let stretch = &groups[first..=last];
            let n = digits(stretch);
            if n > MAX_DIGITS {
                break;
            }
            if n >= MIN_DIGITS && luhn_valid(stretch.iter().map(|g| &text[g.clone()])) {
                best = Some(last);
            }
        }
        match best {
            Some(last) => {
                spans.push(groups[first].start..groups[last].end);
                first = last + 1;
            }
            None => first += 1,
        }
    }
    spans
}

/// The Luhn check over the digits of the given pieces, in order.
fn luhn_valid<'a>(pieces: impl DoubleEndedIterator<Item = &'a str>) -> bool {
    let mut sum = 0u32;
    let mut double = false;
    for piece in pieces.rev() {
        for b in piece.bytes().rev() {
            let mut d = u32::from(b - b'0');
            if double {
                d *= 2;
                if d > 9 {
                    d -= 9;
                }
            }
            sum += d;
            double = !double;
        }
    }
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause FZ-NO-CARD / UQ-NO-CARD: the test numbers of the card schemes, plain,
    /// spaced and dashed, 13 to 19 digits, are card numbers.
    #[test]
    fn fz_no_card_luhn_valid_numbers_of_13_to_19_digits_are_found() {
        for number in [
            "4111111111111111",        // Visa, 16
            "4222222222222",           // Visa, 13
            "378282246310005",         // Amex, 15
            "5555 5555 5555 4444",     // Mastercard, spaced
            "6011-1111-1111-1117",     // Discover, dashed
            "3530 1113 3330 0000",     // JCB
            "6200000000000005",        // UnionPay
            "4111 1111-1111 1111",     // mixed separators
            "6759649826438453",        // Maestro
            "6304 0000 0000 0000 018", // 19 digits
        ] {
            assert!(holds_card_number(number), "{number} is a card number");
            assert!(
                holds_card_number(&format!("paid with {number}, thanks")),
                "{number} inside a sentence"
            );
            // A full stop ends the sentence; it is no decimal point.
            assert!(
                holds_card_number(&format!("my card is {number}.")),
                "{number}."
            );
        }
    }

    /// Clause FZ-NO-CARD / UQ-NO-CARD: near misses are not card numbers.
    #[test]
    fn uq_no_card_near_misses_are_not_card_numbers() {
        for text in [
            "4111111111111112",       // Luhn-invalid
            "5555 5555 5555 4445",    // Luhn-invalid, spaced
            "411111111117",           // 12 digits, Luhn-valid
            "4111 1111 1117",         // 12 digits, spaced
            "41111111111111111115",   // 20 digits, Luhn-valid
            "4111.1111.1111.1111",    // split by dots
            "4111/1111/1111/1111",    // split by slashes
            "4111  1111  1111  1111", // two spaces are no longer one number
            "4111_1111_1111_1111",
            "+4111111111111111", // an international phone number
            "+358 40 123 4567",
            "2026-03-02T09:00:00Z",
            "maintenance 2026-03-02 09:00-11:00, ticket 123456",
            "123e4567-e89b-12d3-a456-426614174000",
            "uptime_ratio 0.9991841491841492", // a fraction's digits, Luhn-valid
            "4111111111111111.25",
            "",
        ] {
            assert!(!holds_card_number(text), "{text:?} is not a card number");
            assert_eq!(mask(text), text);
        }
        // 20 digits is one number even though its first 16 are a Luhn-valid card number.
        assert!(!holds_card_number("41111111111111110000"));
    }

    /// Clause FZ-NO-CARD: the mask covers each number, separators included, and nothing else.
    #[test]
    fn fz_no_card_mask_covers_every_number_and_keeps_the_rest() {
        assert_eq!(
            mask("card 4111 1111 1111 1111 and 5555-5555-5555-4444."),
            format!("card {MASK} and {MASK}.")
        );
        assert_eq!(
            mask("/api/v1/users/4111111111111111/block"),
            format!("/api/v1/users/{MASK}/block")
        );
        // A card number followed by a year still leaks nothing.
        assert_eq!(mask("4111 1111 1111 1111 2026"), format!("{MASK} 2026"));
        assert!(matches!(mask("nothing here 1234"), Cow::Borrowed(_)));
    }

    /// Clause UQ-NO-CARD: the refusal names the field and the clause, never the value.
    #[test]
    fn uq_no_card_refusal_names_field_and_clause() {
        let text = refusal("note");
        assert!(
            text.contains("`note`") && text.contains("FZ-NO-CARD") && text.contains("UQ-NO-CARD")
        );
    }
}
