//! Validated identifiers: one type per kind of record, so an initiative id can never stand in for
//! an organisation id, and a malformed id cannot exist at all.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::vocabulary::{ActionLine, Objective, PactChapter, Sdg};

/// The longest id or section reference accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// Why a string was refused as an id, a section reference or a vocabulary code.
///
/// Carries the rejected input and what it was meant to be, so the message can name both.
///
/// # Example
/// ```
/// use gdc_map::OrganisationId;
///
/// let err = "iTU".parse::<OrganisationId>().unwrap_err();
/// assert_eq!(err.input(), "iTU");
/// assert_eq!(
///     err.to_string(),
///     "invalid organisation id `iTU`: only lowercase ASCII letters, digits and `-` are allowed",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} `{input}`: {reason}")]
pub struct IdError {
    what: &'static str,
    input: String,
    reason: &'static str,
}

impl IdError {
    pub(crate) fn new(what: &'static str, input: &str, reason: &'static str) -> Self {
        // Keep hostile inputs from turning one error message into megabytes.
        let input: String = input.chars().take(80).collect();
        IdError {
            what,
            input,
            reason,
        }
    }

    /// The rejected input (cut to its first 80 characters).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What the input was meant to be, such as `"organisation id"`.
    pub fn what(&self) -> &'static str {
        self.what
    }
}

/// Checks the slug grammar shared by every record id: 1 to 64 bytes of lowercase ASCII letters,
/// digits and `-`, starting with a letter or digit. `extra` admits further punctuation (section
/// references use `/` and `.`).
fn check_slug(what: &'static str, s: &str, extra: &[char]) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::new(what, s, "it is empty"));
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::new(what, s, "it is longer than 64 bytes"));
    }
    if !s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Err(IdError::new(
            what,
            s,
            "it must start with a lowercase ASCII letter or a digit",
        ));
    }
    let allowed =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || extra.contains(&c);
    if !s.chars().all(allowed) {
        return Err(IdError::new(
            what,
            s,
            if extra.is_empty() {
                "only lowercase ASCII letters, digits and `-` are allowed"
            } else {
                "only lowercase ASCII letters, digits, `-`, `.` and `/` are allowed"
            },
        ));
    }
    Ok(())
}

/// The longest id text kept in place, in the id itself, rather than in a shared allocation.
const INLINE: usize = 15;

/// The text of an id. Nearly every id is short, and a short one is kept in the id's own 16
/// bytes: copying it copies bytes, and comparing, hashing or writing it reads memory the
/// holder of the id has already loaded. Shared text would make each of those a read somewhere
/// else, and at a million ids, four million relations naming them, each such read is a wait
/// on memory (much of why a build grew faster than its input). A longer id is shared: stored
/// once per document however many relations name it.
#[derive(Clone, PartialEq, Eq)]
enum Text {
    /// The first `len` bytes; the rest are zero. Never used for a text longer than [`INLINE`],
    /// so equal texts always have equal representations.
    Inline { len: InlineLen, bytes: [u8; INLINE] },
    /// Longer than [`INLINE`] bytes. Boxed inside the `Arc` so the pointer is one word and
    /// the id stays 16 bytes.
    Shared(SharedText),
}

/// The length of an inline text, 1 to [`INLINE`]: an enum rather than a `u8` so that the
/// other 241 values of its byte are free for the compiler to tell variants apart with, in
/// [`Text`] and in the types holding one (evidence stays two words, a list of it three).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
enum InlineLen {
    L1 = 1,
    L2,
    L3,
    L4,
    L5,
    L6,
    L7,
    L8,
    L9,
    L10,
    L11,
    L12,
    L13,
    L14,
    L15,
}

impl InlineLen {
    const ALL: [InlineLen; INLINE] = [
        InlineLen::L1,
        InlineLen::L2,
        InlineLen::L3,
        InlineLen::L4,
        InlineLen::L5,
        InlineLen::L6,
        InlineLen::L7,
        InlineLen::L8,
        InlineLen::L9,
        InlineLen::L10,
        InlineLen::L11,
        InlineLen::L12,
        InlineLen::L13,
        InlineLen::L14,
        InlineLen::L15,
    ];

    /// The length `len`, if it is 1 to [`INLINE`].
    fn new(len: usize) -> Option<InlineLen> {
        InlineLen::ALL.get(len.checked_sub(1)?).copied()
    }

    fn get(self) -> usize {
        usize::from(self as u8)
    }
}

const _: () = assert!(
    std::mem::size_of::<Text>() == 16 && std::mem::size_of::<Option<Text>>() == 16,
    "an id's text is two words, with room to spare for an enclosing enum's tag"
);

impl Text {
    fn new(s: &str) -> Text {
        match InlineLen::new(s.len()) {
            Some(len) => {
                let mut bytes = [0; INLINE];
                if let Some(head) = bytes.get_mut(..s.len()) {
                    head.copy_from_slice(s.as_bytes());
                }
                Text::Inline { len, bytes }
            }
            None => Text::Shared(shared(s)),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Inline { len, bytes } => bytes.get(..len.get()).unwrap_or(bytes),
            Text::Shared(text) => text.0.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Always valid: the bytes were copied whole from a `str`.
            Text::Inline { .. } => std::str::from_utf8(self.as_bytes()).unwrap_or_default(),
            Text::Shared(text) => &text.0,
        }
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            // One word-sized write rather than a length and fifteen bytes: ids are hashed by
            // the million when a document is checked.
            Text::Inline { len, bytes } => {
                let mut word = [0; 16];
                let (first, rest) = word.split_at_mut(1);
                if let Some(first) = first.first_mut() {
                    *first = *len as u8;
                }
                rest.copy_from_slice(bytes);
                state.write_u128(u128::from_le_bytes(word));
            }
            Text::Shared(text) => text.hash(state),
        }
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            // Zero padding sorts before every byte an id may hold, so the padded arrays
            // compare as the texts do.
            (Text::Inline { bytes: a, .. }, Text::Inline { bytes: b, .. }) => a.cmp(b),
            _ => self.as_bytes().cmp(other.as_bytes()),
        }
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A long id's text, compared and hashed as text so that a table of them can be searched by
/// a `&str`.
#[derive(Clone)]
struct SharedText(Arc<Box<str>>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Eq for SharedText {}

impl std::hash::Hash for SharedText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        str::hash(&self.0, state);
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

thread_local! {
    /// While a document is being read on this thread, every long id text seen so far, so a
    /// long id named by a million relations is stored once.
    static SEEN: RefCell<Option<HashSet<SharedText>>> = const { RefCell::new(None) };
}

/// Runs `read` with id sharing on for this thread: every long id it parses that equals one
/// parsed before shares its text. Restores the previous state after, even if `read` unwinds.
pub(crate) fn sharing_ids<T>(read: impl FnOnce() -> T) -> T {
    struct Restore(Option<HashSet<SharedText>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            SEEN.with(|seen| *seen.borrow_mut() = previous);
        }
    }
    let _restore = Restore(SEEN.with(|seen| seen.replace(Some(HashSet::new()))));
    read()
}

/// The text of a long id, shared with an equal one read before when sharing is on.
fn shared(s: &str) -> SharedText {
    SEEN.with(|seen| match seen.borrow_mut().as_mut() {
        Some(set) => {
            if let Some(text) = set.get(s) {
                text.clone()
            } else {
                let text = SharedText(Arc::new(Box::from(s)));
                set.insert(text.clone());
                text
            }
        }
        None => SharedText(Arc::new(Box::from(s))),
    })
}

/// Deserializes a string without copying it, handing it to `parse`: ids are read by the
/// million, and a copy per id would only be thrown away.
pub(crate) fn deserialize_with_str<'de, D, T, E>(
    d: D,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    struct Text<F>(F);
    impl<'de, T, E: fmt::Display, F: FnOnce(&str) -> Result<T, E>> serde::de::Visitor<'de> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: serde::de::Error>(self, s: &str) -> Result<T, Er> {
            (self.0)(s).map_err(Er::custom)
        }
    }
    d.deserialize_str(Text(parse))
}

/// Defines a validated string id: construction, parsing, display and serde all go through
/// `new`, so an invalid value cannot be built from code or from a file.
macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $extra:expr, $example:literal) => {
        $(#[$doc])*
        ///
        /// # Example
        /// ```
        #[doc = concat!("use gdc_map::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\")?;")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new(\"Not Valid\").is_err());")]
        /// # Ok::<(), gdc_map::IdError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Text);

        impl $name {
            /// Validates `s` and wraps it.
            ///
            /// # Errors
            /// [`IdError`] when `s` is empty, longer than 64 bytes, or has a character
            /// outside the id grammar.
            pub fn new(s: &str) -> Result<Self, IdError> {
                check_slug($what, s, $extra)?;
                Ok($name(Text::new(s)))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                $name::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_with_str(d, $name::new)
            }
        }
    };
}

slug_id!(
    /// Identifies an [`Organisation`](crate::Organisation): a UN agency, office, fund, standards
    /// body, business association, coalition, …
    ///
    /// Each kind of record has its own id type, so one cannot stand in for another:
    ///
    /// ```compile_fail
    /// use gdc_map::{Graph, InitiativeId};
    ///
    /// let giga = InitiativeId::new("giga").unwrap();
    /// Graph::embedded().organisation(&giga); // expected `&OrganisationId`, found `&InitiativeId`
    /// ```
    OrganisationId, "organisation id", &[], "itu"
);
slug_id!(
    /// Identifies an [`Initiative`](crate::Initiative): a programme, partnership, platform,
    /// index or standards effort.
    InitiativeId, "initiative id", &[], "giga"
);
slug_id!(
    /// Identifies a coordination [`Body`](crate::Body): a working group, subgroup, committee or
    /// network.
    BodyId, "body id", &[], "wgdt"
);
slug_id!(
    /// Identifies an [`Event`](crate::Event): a conference, symposium, meeting or series.
    EventId, "event id", &[], "gsr"
);
slug_id!(
    /// Identifies a reference [`Document`](crate::Document): a resolution, decision, plan or
    /// terms of reference.
    DocumentId, "document id", &[], "a-res-79-1"
);
slug_id!(
    /// Identifies a user-defined [`Commitment`](crate::Commitment): any target an analyst wants
    /// coverage for beyond the built-in vocabularies.
    CommitmentId, "commitment id", &[], "connect-all-schools"
);
slug_id!(
    /// Identifies a [`Source`](crate::Source): one dataset layer and the document it encodes.
    SourceId, "source id", &[], "itu-gdc-action-plan-2025"
);
slug_id!(
    /// Names a part of a source document that a [`Provenance::Stated`](crate::Provenance)
    /// cites, such as `2.1` or `1/obj5`. The refs a dataset may cite are declared in its
    /// [`Section`](crate::Section) list.
    SectionRef, "section ref", &['/', '.'], "1/obj5"
);

/// Identifies a Pact for the Future action or one of its lettered items: `27` or `27(c)`.
///
/// The Pact has 56 actions, so the number is checked to lie in 1..=56; the item is one lowercase
/// letter.
///
/// # Example
/// ```
/// use gdc_map::PactActionId;
///
/// let id: PactActionId = "27(c)".parse()?;
/// assert_eq!((id.action(), id.item()), (27, Some('c')));
/// assert_eq!(id.to_string(), "27(c)");
/// assert!("57".parse::<PactActionId>().is_err());
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PactActionId {
    action: u8,
    item: Option<char>,
}

impl PactActionId {
    /// The number of actions in the Pact for the Future (A/RES/79/1).
    pub const ACTIONS: u8 = 56;

    /// Builds an id from an action number and an optional item letter.
    ///
    /// # Errors
    /// [`IdError`] when `action` is outside 1..=56 or `item` is not a lowercase ASCII letter.
    pub fn new(action: u8, item: Option<char>) -> Result<Self, IdError> {
        let shown = match item {
            Some(c) => format!("{action}({c})"),
            None => action.to_string(),
        };
        if !(1..=Self::ACTIONS).contains(&action) {
            return Err(IdError::new(
                "pact action",
                &shown,
                "the action number must be between 1 and 56",
            ));
        }
        if item.is_some_and(|c| !c.is_ascii_lowercase()) {
            return Err(IdError::new(
                "pact action",
                &shown,
                "the item must be one lowercase ASCII letter",
            ));
        }
        Ok(PactActionId { action, item })
    }

    /// The action number, 1..=56.
    pub fn action(self) -> u8 {
        self.action
    }

    /// The lettered item, if this names one.
    pub fn item(self) -> Option<char> {
        self.item
    }
}

impl FromStr for PactActionId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        const GRAMMAR: &str =
            "expected an action number with an optional item, like `27` or `27(c)`";
        let bad = || IdError::new("pact action", s, GRAMMAR);
        let (number, item) = match s.split_once('(') {
            None => (s, None),
            Some((number, rest)) => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(c), Some(')'), None) => (number, Some(c)),
                    _ => return Err(bad()),
                }
            }
        };
        if number.is_empty()
            || number.len() > 2
            || number.starts_with('0')
            || !number.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let action: u8 = number.parse().map_err(|_| bad())?;
        PactActionId::new(action, item)
    }
}

impl fmt::Display for PactActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(c) => write!(f, "{}({c})", self.action),
            None => write!(f, "{}", self.action),
        }
    }
}

/// The kind of an entity: which vocabulary or record list it belongs to.
///
/// The declaration order is the order ids sort in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EntityKind {
    /// One of the five GDC objectives (built in).
    Objective,
    /// One of the 17 Sustainable Development Goals (built in).
    Sdg,
    /// A WSIS action line or C7 sub-line (built in).
    ActionLine,
    /// A chapter of the Pact for the Future (built in).
    PactChapter,
    /// A Pact for the Future action or item.
    PactAction,
    /// A user-defined commitment or target.
    Commitment,
    /// An organisation.
    Organisation,
    /// An initiative.
    Initiative,
    /// A coordination body.
    Body,
    /// An event.
    Event,
    /// A reference document.
    Document,
}

impl EntityKind {
    /// Every kind, in sort order.
    pub const ALL: [EntityKind; 11] = [
        EntityKind::Objective,
        EntityKind::Sdg,
        EntityKind::ActionLine,
        EntityKind::PactChapter,
        EntityKind::PactAction,
        EntityKind::Commitment,
        EntityKind::Organisation,
        EntityKind::Initiative,
        EntityKind::Body,
        EntityKind::Event,
        EntityKind::Document,
    ];

    /// The prefix this kind's ids carry in an [`EntityId`]: `org` in `org:itu`.
    pub fn prefix(self) -> &'static str {
        match self {
            EntityKind::Objective => "objective",
            EntityKind::Sdg => "sdg",
            EntityKind::ActionLine => "wsis",
            EntityKind::PactChapter => "chapter",
            EntityKind::PactAction => "action",
            EntityKind::Commitment => "commitment",
            EntityKind::Organisation => "org",
            EntityKind::Initiative => "initiative",
            EntityKind::Body => "body",
            EntityKind::Event => "event",
            EntityKind::Document => "doc",
        }
    }

    /// A short English name for messages and reports: `"organisation"`, `"action line"`.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Objective => "objective",
            EntityKind::Sdg => "SDG",
            EntityKind::ActionLine => "action line",
            EntityKind::PactChapter => "Pact chapter",
            EntityKind::PactAction => "Pact action",
            EntityKind::Commitment => "commitment",
            EntityKind::Organisation => "organisation",
            EntityKind::Initiative => "initiative",
            EntityKind::Body => "body",
            EntityKind::Event => "event",
            EntityKind::Document => "document",
        }
    }

    /// [`EntityKind::name`] after its indefinite article, for messages: `"an organisation"`,
    /// `"a body"`, `"an SDG"`.
    pub(crate) fn with_article(self) -> String {
        let name = self.name();
        // By sound: "SDG" is read "ess-dee-gee".
        let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u', 'S']);
        format!("{} {name}", if vowel { "an" } else { "a" })
    }

    /// Whether entities of this kind are things to be supported (objectives, SDGs, action
    /// lines, Pact chapters and actions, commitments) rather than actors.
    pub const fn is_target(self) -> bool {
        matches!(
            self,
            EntityKind::Objective
                | EntityKind::Sdg
                | EntityKind::ActionLine
                | EntityKind::PactChapter
                | EntityKind::PactAction
                | EntityKind::Commitment
        )
    }

    /// Whether this kind is a built-in vocabulary whose members exist without being declared.
    pub fn is_builtin(self) -> bool {
        matches!(
            self,
            EntityKind::Objective
                | EntityKind::Sdg
                | EntityKind::ActionLine
                | EntityKind::PactChapter
        )
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Any entity's id, with its kind as a prefix in text form: `objective:1`, `sdg:9`,
/// `wsis:C7.e-health`, `chapter:3`, `action:27(c)`, `commitment:…`, `org:itu`,
/// `initiative:giga`, `body:wgdt`, `event:gsr`, `doc:a-res-79-1`.
///
/// Relations refer to entities by this form, so a reference always says which kind it expects.
///
/// # Example
/// ```
/// use gdc_map::{EntityId, EntityKind, Objective, OrganisationId};
///
/// let itu: EntityId = "org:itu".parse()?;
/// assert_eq!(itu, EntityId::Organisation(OrganisationId::new("itu")?));
/// assert_eq!(itu.kind(), EntityKind::Organisation);
/// assert_eq!("objective:5".parse::<EntityId>()?, EntityId::Objective(Objective::AiGovernance));
/// assert!("agency:itu".parse::<EntityId>().is_err());
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EntityId {
    /// A GDC objective.
    Objective(Objective),
    /// A Sustainable Development Goal.
    Sdg(Sdg),
    /// A WSIS action line.
    ActionLine(ActionLine),
    /// A chapter of the Pact for the Future.
    PactChapter(PactChapter),
    /// A Pact action or item.
    PactAction(PactActionId),
    /// A user-defined commitment.
    Commitment(CommitmentId),
    /// An organisation.
    Organisation(OrganisationId),
    /// An initiative.
    Initiative(InitiativeId),
    /// A coordination body.
    Body(BodyId),
    /// An event.
    Event(EventId),
    /// A reference document.
    Document(DocumentId),
}

impl EntityId {
    /// The kind of entity this id names.
    pub fn kind(&self) -> EntityKind {
        match self {
            EntityId::Objective(_) => EntityKind::Objective,
            EntityId::Sdg(_) => EntityKind::Sdg,
            EntityId::ActionLine(_) => EntityKind::ActionLine,
            EntityId::PactChapter(_) => EntityKind::PactChapter,
            EntityId::PactAction(_) => EntityKind::PactAction,
            EntityId::Commitment(_) => EntityKind::Commitment,
            EntityId::Organisation(_) => EntityKind::Organisation,
            EntityId::Initiative(_) => EntityKind::Initiative,
            EntityId::Body(_) => EntityKind::Body,
            EntityId::Event(_) => EntityKind::Event,
            EntityId::Document(_) => EntityKind::Document,
        }
    }
}

impl FromStr for EntityId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let Some((prefix, rest)) = s.split_once(':') else {
            return Err(IdError::new(
                "entity id",
                s,
                "expected `kind:id`, like `org:itu` or `objective:1`",
            ));
        };
        Ok(match prefix {
            "objective" => EntityId::Objective(rest.parse()?),
            "sdg" => EntityId::Sdg(rest.parse()?),
            "wsis" => EntityId::ActionLine(rest.parse()?),
            "chapter" => EntityId::PactChapter(rest.parse()?),
            "action" => EntityId::PactAction(rest.parse()?),
            "commitment" => EntityId::Commitment(rest.parse()?),
            "org" => EntityId::Organisation(rest.parse()?),
            "initiative" => EntityId::Initiative(rest.parse()?),
            "body" => EntityId::Body(rest.parse()?),
            "event" => EntityId::Event(rest.parse()?),
            "doc" => EntityId::Document(rest.parse()?),
            _ => {
                return Err(IdError::new(
                    "entity id",
                    s,
                    "unknown kind prefix; expected one of objective, sdg, wsis, chapter, action, \
                     commitment, org, initiative, body, event, doc",
                ));
            }
        })
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = self.kind().prefix();
        match self {
            EntityId::Objective(o) => write!(f, "{prefix}:{}", o.number()),
            EntityId::Sdg(x) => write!(f, "{prefix}:{x}"),
            EntityId::ActionLine(x) => write!(f, "{prefix}:{x}"),
            EntityId::PactChapter(x) => write!(f, "{prefix}:{}", x.number()),
            EntityId::PactAction(x) => write!(f, "{prefix}:{x}"),
            EntityId::Commitment(x) => write!(f, "{prefix}:{x}"),
            EntityId::Organisation(x) => write!(f, "{prefix}:{x}"),
            EntityId::Initiative(x) => write!(f, "{prefix}:{x}"),
            EntityId::Body(x) => write!(f, "{prefix}:{x}"),
            EntityId::Event(x) => write!(f, "{prefix}:{x}"),
            EntityId::Document(x) => write!(f, "{prefix}:{x}"),
        }
    }
}

/// Serde for the types whose text form is their `Display`/`FromStr` pair.
macro_rules! serde_via_str {
    ($($ty:ty),*) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::model::id::deserialize_with_str(d, str::parse)
            }
        }
    )*};
}
pub(crate) use serde_via_str;

serde_via_str!(EntityId, PactActionId);

macro_rules! from_id {
    ($($variant:ident($ty:ty)),*) => {$(
        impl From<$ty> for EntityId {
            fn from(id: $ty) -> Self {
                EntityId::$variant(id)
            }
        }
    )*};
}

from_id!(
    Objective(Objective),
    Sdg(Sdg),
    ActionLine(ActionLine),
    PactChapter(PactChapter),
    PactAction(PactActionId),
    Commitment(CommitmentId),
    Organisation(OrganisationId),
    Initiative(InitiativeId),
    Body(BodyId),
    Event(EventId),
    Document(DocumentId)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_grammar() {
        for ok in ["itu", "a", "wgdt-sub-5", "0x", &"a".repeat(64)] {
            assert!(OrganisationId::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "ITU", "a b", "a_b", "é", "a.b", &"a".repeat(65)] {
            assert!(OrganisationId::new(bad).is_err(), "{bad:?}");
        }
        assert!(SectionRef::new("1/obj1").is_ok());
        assert!(SectionRef::new("2.1").is_ok());
        assert!(SectionRef::new("/x").is_err());
    }

    #[test]
    fn kinds_take_the_article_they_are_read_with() {
        let phrases: Vec<String> = EntityKind::ALL.map(EntityKind::with_article).into();
        assert_eq!(
            phrases,
            [
                "an objective",
                "an SDG",
                "an action line",
                "a Pact chapter",
                "a Pact action",
                "a commitment",
                "an organisation",
                "an initiative",
                "a body",
                "an event",
                "a document",
            ]
        );
    }

    proptest::proptest! {
        /// An id's text, short and kept in place or long and shared, behaves as the string
        /// it was made from: same order, same equality, equal hashes for equal ids.
        #[test]
        fn ids_compare_as_their_text(
            a in "[a-z0-9][a-z0-9-]{0,30}",
            b in "[a-z0-9][a-z0-9-]{0,30}",
            cut in 1usize..32,
        ) {
            use std::hash::BuildHasher;
            let (x, y) = (OrganisationId::new(&a).unwrap(), OrganisationId::new(&b).unwrap());
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x.as_str(), a.as_str());
            proptest::prop_assert_eq!(format!("{x:?}"), format!("OrganisationId({a:?})"));
            let hasher = std::hash::RandomState::new();
            let same = OrganisationId::new(&a).unwrap();
            proptest::prop_assert_eq!(hasher.hash_one(&x), hasher.hash_one(&same));
            // A prefix sorts first, however the rest of the id is kept.
            let head = &a[..cut.min(a.len())];
            let prefix = OrganisationId::new(head).unwrap();
            proptest::prop_assert_eq!(prefix.cmp(&x), head.cmp(a.as_str()));
            // And as an entity id, which sorts by kind, then text.
            let (ex, ey) = (EntityId::Organisation(x), EntityId::Organisation(y));
            proptest::prop_assert_eq!(ex.cmp(&ey), a.cmp(&b));
        }
    }

    /// Up to 15 bytes an id keeps its text in place; a longer one shares its text with every
    /// equal id read in the same document, and has its own otherwise.
    #[test]
    fn long_ids_share_their_text_within_a_document() {
        let shared = |id: &InitiativeId| match &id.0 {
            Text::Inline { .. } => None,
            Text::Shared(text) => Some(Arc::clone(&text.0)),
        };
        let short = "a".repeat(INLINE);
        let long = "a".repeat(INLINE + 1);
        assert!(shared(&InitiativeId::new(&short).unwrap()).is_none());
        let (first, second) = sharing_ids(|| {
            (
                InitiativeId::new(&long).unwrap(),
                InitiativeId::new(&long).unwrap(),
            )
        });
        let (first, second) = (shared(&first).unwrap(), shared(&second).unwrap());
        assert!(Arc::ptr_eq(&first, &second));
        let apart = shared(&InitiativeId::new(&long).unwrap()).unwrap();
        assert!(!Arc::ptr_eq(&first, &apart));
        assert_eq!(first, apart);
    }

    #[test]
    fn pact_action_grammar() {
        for (s, a, i) in [("1", 1, None), ("56", 56, None), ("27(c)", 27, Some('c'))] {
            let id: PactActionId = s.parse().unwrap();
            assert_eq!((id.action(), id.item()), (a, i));
            assert_eq!(id.to_string(), s);
        }
        for bad in [
            "", "0", "57", "27()", "27(C)", "27(cc)", "27(c", "x", "+1", "027", "27(c)x",
        ] {
            assert!(bad.parse::<PactActionId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn entity_id_round_trips_through_text() {
        for s in [
            "objective:1",
            "sdg:17",
            "wsis:C7.e-health",
            "chapter:3",
            "action:24(b)",
            "commitment:x",
            "org:itu",
            "initiative:giga",
            "body:wgdt",
            "event:gsr",
            "doc:a-res-79-1",
        ] {
            let id: EntityId = s.parse().unwrap();
            assert_eq!(id.to_string(), s);
            assert_eq!(id.kind().prefix(), s.split(':').next().unwrap());
        }
    }
}
