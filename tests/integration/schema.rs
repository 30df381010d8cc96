//! The JSON Schema and the crate's reader agree: a tool that validates a file against
//! [`JSON_SCHEMA`] before handing it over finds the values the crate reads, and a field
//! null where the crate takes null.

use gdc_map::{Dataset, EntityId, Graph, JSON_SCHEMA, OrganisationId, PactActionId, PartialDate};
use gdc_map::{SectionRef, SyntheticSpec};
use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

fn schema() -> Value {
    serde_json::from_str(JSON_SCHEMA).unwrap()
}

/// The pattern at `pointer`, compiled as a JSON Schema validator would: not anchored beyond
/// its own `^` and `$`.
fn pattern(pointer: &str) -> Regex {
    let schema = schema();
    let text = schema.pointer(pointer).and_then(Value::as_str).unwrap();
    Regex::new(text).unwrap()
}

/// The schema's patterns for entity ids, slugs, section refs and Pact action ids, compiled once.
static ID_PATTERNS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        "/$defs/entityId/pattern",
        "/$defs/slug/pattern",
        "/$defs/sectionRef/pattern",
        "/properties/pact_actions/items/properties/id/pattern",
    ]
    .map(pattern)
});

static DATE_PATTERN: LazyLock<Regex> = LazyLock::new(|| pattern("/$defs/date/pattern"));

#[test]
fn the_date_pattern_admits_exactly_the_dates_the_crate_reads() {
    let date = &*DATE_PATTERN;
    let mut texts = Vec::new();
    for year in 1790..=2210 {
        texts.push(format!("{year:04}"));
        for month in 0..=13 {
            texts.push(format!("{year:04}-{month:02}"));
            for day in 0..=32 {
                texts.push(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    let mut read = 0;
    for text in &texts {
        let crate_reads = text.parse::<PartialDate>().is_ok();
        assert_eq!(date.is_match(text), crate_reads, "{text}");
        read += usize::from(crate_reads);
    }
    // Every day of 401 years, their months and the years themselves.
    assert_eq!(read, 146_462 + 401 * 12 + 401);
}

/// Text near the grammar of ids: kind prefixes, built-in members' numbers and names, slugs
/// of every length around the limit, and stray characters.
fn id_like() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "",
        "objective:",
        "sdg:",
        "wsis:",
        "chapter:",
        "action:",
        "commitment:",
        "org:",
        "initiative:",
        "body:",
        "event:",
        "doc:",
        "agency:",
        "ORG:",
    ]);
    let body = prop_oneof![
        "[0-9]{1,3}",
        "C[0-9]{1,2}",
        "C7\\.e-(government|business|learning|health|employment|environment|agriculture|science|x)",
        "[0-9]{1,2}(\\([a-z]\\)|\\(\\)|\\([a-z]{2}\\))?",
        "[a-z0-9][a-z0-9-]{0,66}",
        "[a-z0-9./-]{0,66}",
        "[A-Za-z0-9().: _-]{0,8}",
    ];
    (prefix, body).prop_map(|(p, b)| format!("{p}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_id_patterns_admit_exactly_the_ids_the_crate_reads(text in id_like()) {
        let [entity, slug, section, action] = &*ID_PATTERNS;
        prop_assert_eq!(entity.is_match(&text), text.parse::<EntityId>().is_ok(), "entity {}", text);
        prop_assert_eq!(slug.is_match(&text), OrganisationId::new(&text).is_ok(), "slug {}", text);
        prop_assert_eq!(section.is_match(&text), SectionRef::new(&text).is_ok(), "section {}", text);
        prop_assert_eq!(action.is_match(&text), text.parse::<PactActionId>().is_ok(), "action {}", text);
    }

    #[test]
    fn the_date_pattern_agrees_on_any_text(text in "[0-9-]{0,12}") {
        let date = &*DATE_PATTERN;
        prop_assert_eq!(date.is_match(&text), text.parse::<PartialDate>().is_ok(), "{}", text);
    }
}

/// The schema node that describes `value`'s child `key`, `$ref`s followed.
fn child<'s>(schema: &'s Value, node: &'s Value, key: &str) -> Option<&'s Value> {
    let node = resolve(schema, node);
    match node.get("properties") {
        Some(properties) => properties.get(key),
        None => node.get("items"),
    }
    .map(|n| resolve(schema, n))
}

fn resolve<'s>(schema: &'s Value, node: &'s Value) -> &'s Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => resolve(schema, schema.pointer(&reference[1..]).unwrap()),
        None => node,
    }
}

/// Whether the schema node admits null: as one of its types, or as one of its alternatives.
fn admits_null(schema: &Value, node: &Value) -> bool {
    let node = resolve(schema, node);
    let typed = match node.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
        _ => false,
    };
    let alternatives = ["anyOf", "oneOf"].iter().any(|k| {
        node.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|alts| alts.iter().any(|a| admits_null(schema, a)))
    });
    typed || alternatives
}

/// Every field of every object in `doc` whose schema node sits where none before it did:
/// (the field's JSON pointer, whether the schema admits null there, the schema's place).
fn fields(
    schema: &Value,
    node: &Value,
    value: &Value,
    at: &str,
    place: &str,
    seen: &mut Vec<String>,
    out: &mut Vec<(String, bool, String)>,
) {
    let children: Vec<(String, &Value, bool)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v, true)).collect(),
        Value::Array(items) => (items.iter().enumerate())
            .map(|(i, v)| (i.to_string(), v, false))
            .collect(),
        _ => return,
    };
    for (key, child_value, is_field) in children {
        let Some(child_node) = child(schema, node, &key) else {
            continue;
        };
        let child_place = format!("{place}/{}", if is_field { key.as_str() } else { "*" });
        let pointer = format!("{at}/{key}");
        if is_field && !seen.contains(&child_place) {
            seen.push(child_place.clone());
            out.push((
                pointer.clone(),
                admits_null(schema, child_node),
                child_place.clone(),
            ));
        }
        // A provenance is one of two shapes, told apart by its key.
        let child_node = match child_node.get("oneOf").and_then(Value::as_array) {
            Some(shapes) => shapes
                .iter()
                .map(|s| resolve(schema, s))
                .find(|s| {
                    let props = s.get("properties").and_then(Value::as_object);
                    let keys = child_value
                        .as_object()
                        .map(|m| m.keys().collect::<Vec<_>>());
                    props
                        .zip(keys)
                        .is_some_and(|(p, k)| k.iter().all(|k| p.contains_key(*k)))
                })
                .unwrap_or(child_node),
            None => child_node,
        };
        fields(
            schema,
            child_node,
            child_value,
            &pointer,
            &child_place,
            seen,
            out,
        );
    }
}

#[test]
fn a_field_may_be_null_exactly_where_the_schema_says() {
    let schema = schema();
    // The embedded data has every field; generated data, another layout of them.
    let documents = [
        Graph::embedded().to_json(),
        SyntheticSpec::new(50).generate().to_json(),
    ];
    let (mut seen, mut checked) = (Vec::new(), Vec::new());
    for text in &documents {
        let doc: Value = serde_json::from_str(text).unwrap();
        let mut found = Vec::new();
        fields(&schema, &schema, &doc, "", "", &mut seen, &mut found);
        for (pointer, null_allowed, place) in found {
            let mut nulled = doc.clone();
            *nulled.pointer_mut(&pointer).unwrap() = Value::Null;
            let read = Dataset::from_json(&nulled.to_string());
            assert_eq!(
                read.is_ok(),
                null_allowed,
                "{place} (at {pointer}): {read:?}"
            );
            checked.push(place);
        }
    }
    // Each of the format's optional fields is checked somewhere (every record list shares
    // one record type, so one list's field stands for the others').
    for place in [
        "/sources/*/language",
        "/bodies/*/place",
        "/organisations/*/label/zh",
        "/organisations/*/label/short",
        "/relations/*/since",
        "/organisations/*/dates/*/provenance/*/context/url",
        "/bodies/*/dates/*/note",
        "/documents/*/figures/*/note",
    ] {
        assert!(
            checked.iter().any(|c| c == place),
            "{place} not checked: {checked:#?}"
        );
    }
}

#[test]
fn a_figure_holds_exactly_the_numbers_the_schema_allows() {
    let schema = schema();
    let shapes = schema
        .pointer("/$defs/figure/properties/value/oneOf")
        .and_then(Value::as_array)
        .unwrap();
    let mut checked = 0;
    for shape in shapes {
        let kind = shape.pointer("/properties/type/const").unwrap();
        let properties = shape["properties"].as_object().unwrap();
        for (field, bounds) in properties.iter().filter(|(_, b)| b["type"] == "integer") {
            let (least, most) = (bounds["minimum"].as_u64(), bounds["maximum"].as_u64());
            let (least, most) = (least.unwrap(), most.expect("every count has a maximum"));
            // A figure of this kind with every number at `value`.
            let figure = |value: &str| {
                let numbers: Vec<String> = (properties.keys())
                    .filter(|k| properties[*k]["type"] == "integer")
                    .map(|k| format!(r#""{k}": {}"#, if *k == *field { value } else { "1" }))
                    .collect();
                let bound = if kind == "count" {
                    r#", "bound": "exact""#
                } else {
                    ""
                };
                format!(
                    r#"{{"schema_version": 1, "organisations": [{{"id": "o", "kind": "other",
                      "label": {{"en": "O"}}, "provenance": [{{"context": {{"citation": "c"}}}}],
                      "figures": [{{"measure": "m", "value": {{"type": {kind}, {}{bound}}},
                        "provenance": [{{"context": {{"citation": "c"}}}}]}}]}}]}}"#,
                    numbers.join(", ")
                )
            };
            let reads = |value: String| Dataset::from_json(&figure(&value)).is_ok();
            assert!(reads(least.to_string()), "{kind} {field} = {least}");
            assert!(reads(most.to_string()), "{kind} {field} = {most}");
            assert!(
                !reads(format!("{}", u128::from(most) + 1)),
                "{kind} {field} past {most}"
            );
            assert!(!reads("-1".to_owned()), "{kind} {field} = -1");
            checked += 1;
        }
    }
    assert_eq!(checked, 4, "count, months, and a year range's two ends");
}

static NON_BLANK: LazyLock<Regex> = LazyLock::new(|| pattern("/$defs/nonBlank/pattern"));

/// A file whose one organisation is labelled `label` and whose one relation cites `citation`.
fn labelled_and_cited(label: &str, citation: &str) -> String {
    let stated = r#"[{"context": {"citation": "c"}}]"#;
    serde_json::json!({
        "schema_version": 1,
        "organisations": [{"id": "o", "kind": "other", "label": {"en": label},
                           "provenance": serde_json::from_str::<Value>(stated).unwrap()}],
        "relations": [{"from": "org:o", "kind": "supports", "to": "objective:1",
                       "provenance": [{"context": {"citation": citation}}]}],
    })
    .to_string()
}

/// Text made mostly of the characters Rust and JSON Schema's regular expressions disagree
/// about: Unicode white space, the ASCII separators some engines count as space, a byte
/// order mark, zero-width characters.
fn spacey() -> impl Strategy<Value = String> {
    let c = prop::sample::select(vec![
        ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{1f}', '\u{85}', '\u{a0}',
        '\u{1680}', '\u{180e}', '\u{2000}', '\u{200a}', '\u{200b}', '\u{2028}', '\u{2029}',
        '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}', 'a', '中',
    ]);
    prop::collection::vec(c, 0..5).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A label or citation the schema admits is one the crate builds a graph from, and the
    /// other way round: blank text is refused by both.
    #[test]
    fn the_schema_admits_exactly_the_labels_and_citations_the_crate_builds(text in spacey()) {
        let builds = |label: &str, citation: &str| {
            Graph::from_json(&labelled_and_cited(label, citation)).is_ok()
        };
        prop_assert_eq!(NON_BLANK.is_match(&text), builds(&text, "c"), "label {:?}", text);
        prop_assert_eq!(NON_BLANK.is_match(&text), builds("O", &text), "citation {:?}", text);
    }
}

#[test]
fn the_non_blank_pattern_counts_as_space_what_the_crate_trims() {
    for c in (0..=0x3000).filter_map(char::from_u32) {
        assert_eq!(
            NON_BLANK.is_match(c.encode_utf8(&mut [0; 4])),
            !c.is_whitespace(),
            "U+{:04X}",
            u32::from(c)
        );
    }
}

/// Whether the schema's `url` node admits `url` as a string: its scheme pattern matches and
/// its pattern of characters no address holds does not.
fn schema_admits_url(url: &str) -> bool {
    static PARTS: LazyLock<(Regex, Regex)> = LazyLock::new(|| {
        let at = "/$defs/provenance/oneOf/1/properties/context/properties/url/anyOf/1";
        (
            pattern(&format!("{at}/pattern")),
            pattern(&format!("{at}/not/pattern")),
        )
    });
    let (scheme, never) = &*PARTS;
    scheme.is_match(url) && !never.is_match(url)
}

/// Whether the crate builds a graph whose one record cites a context source at `url`.
fn crate_admits_url(url: &str) -> bool {
    let file = serde_json::json!({
        "schema_version": 1,
        "organisations": [{"id": "o", "kind": "other", "label": {"en": "O"},
                           "provenance": [{"context": {"citation": "c", "url": url}}]}],
    });
    let data = Dataset::from_json(&file.to_string()).unwrap();
    gdc_map::GraphBuilder::new().layer(data).build().is_ok()
}

#[test]
fn the_url_pattern_refuses_exactly_the_characters_the_crate_refuses() {
    for c in (0..=0x3000).filter_map(char::from_u32) {
        let url = format!("https://example.org/{c}");
        assert_eq!(
            schema_admits_url(&url),
            crate_admits_url(&url),
            "U+{:04X}",
            u32::from(c)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_url_pattern_admits_exactly_the_urls_the_crate_reads(
        url in "[a-zA-Z0-9+.:/ <>\\\\|\n\t\u{85}\u{a0}-]{0,12}",
    ) {
        prop_assert_eq!(schema_admits_url(&url), crate_admits_url(&url), "{:?}", url);
    }
}
