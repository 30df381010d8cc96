//! Typed, directed relations between entities, each carrying its evidence.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::id::{EntityId, EntityKind};
use super::provenance::{Provenance, ProvenanceList};

/// The kind of a relation. Every relation points from a subject to an object and reads as a
/// sentence: `org:itu` *co-chairs* `body:wgdt`.
///
/// Each variant's docs give its direction and the entity kinds allowed at each end; the
/// builder refuses any other pairing (see [`RelationKind::allows`]).
///
/// # Example
/// ```
/// use gdc_map::{EntityKind, RelationKind};
///
/// let kind: RelationKind = serde_json::from_str("\"co-chairs\"")?;
/// assert_eq!(kind, RelationKind::CoChairs);
/// assert!(kind.allows(EntityKind::Organisation, EntityKind::Body));
/// assert!(!kind.allows(EntityKind::Body, EntityKind::Objective));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RelationKind {
    /// Actor → target: an organisation, initiative, body or event supports an objective, SDG,
    /// action line, Pact chapter or action, or commitment.
    Supports,
    /// Organisation or body → initiative, body, event, Pact action or commitment it leads alone.
    Leads,
    /// Organisation or body → initiative, body, event, Pact action or commitment it leads with
    /// others.
    CoLeads,
    /// Organisation or body → body or event it chairs alone.
    Chairs,
    /// Organisation or body → body or event it chairs with others.
    CoChairs,
    /// Organisation, body or initiative → initiative, body or event it is a partner in.
    PartnersIn,
    /// Organisation, body or initiative → another it works in partnership with.
    PartnersWith,
    /// Actor → initiative, body, event, Pact action, document or commitment it contributes to.
    ContributesTo,
    /// Organisation or body → body or initiative it is a member of or takes part in.
    MemberOf,
    /// Body → the body it is a subgroup or committee of.
    SubgroupOf,
    /// A component → the whole: bureau → organisation, initiative or event → initiative, event
    /// or body, document → document, Pact action → Pact chapter or action.
    PartOf,
    /// Initiative or event → initiative, event or body whose work it builds on.
    BuildsOn,
    /// Organisation or body → event it organises or hosts.
    Organises,
    /// Organisation or body → organisation, body or event it briefed.
    Briefs,
    /// Event → body or target it is recognised as a milestone for.
    MilestoneFor,
    /// Initiative, event or body → body whose workplan lists it as a mechanism.
    MechanismFor,
    /// Initiative → target or document whose progress it measures.
    Measures,
    /// Body → Pact chapter, Pact action, objective or document it follows up.
    FollowsUp,
    /// Body → body or organisation it reports to or works under.
    ReportsTo,
    /// Organisation → WSIS action line it is the lead facilitator of.
    Facilitates,
    /// Organisation → WSIS action line it co-facilitates.
    CoFacilitates,
    /// Document → document it lists as a reference.
    References,
}

use EntityKind as K;

const ACTORS: &[EntityKind] = &[K::Organisation, K::Initiative, K::Body, K::Event];
const TARGETS: &[EntityKind] = &[
    K::Objective,
    K::Sdg,
    K::ActionLine,
    K::PactChapter,
    K::PactAction,
    K::Commitment,
];
const LEADERS: &[EntityKind] = &[K::Organisation, K::Body];
const LED: &[EntityKind] = &[
    K::Initiative,
    K::Body,
    K::Event,
    K::PactAction,
    K::Commitment,
];
const PARTNERS: &[EntityKind] = &[K::Organisation, K::Body, K::Initiative];

impl RelationKind {
    /// Every relation kind, in sort order.
    pub const ALL: [RelationKind; 22] = [
        RelationKind::Supports,
        RelationKind::Leads,
        RelationKind::CoLeads,
        RelationKind::Chairs,
        RelationKind::CoChairs,
        RelationKind::PartnersIn,
        RelationKind::PartnersWith,
        RelationKind::ContributesTo,
        RelationKind::MemberOf,
        RelationKind::SubgroupOf,
        RelationKind::PartOf,
        RelationKind::BuildsOn,
        RelationKind::Organises,
        RelationKind::Briefs,
        RelationKind::MilestoneFor,
        RelationKind::MechanismFor,
        RelationKind::Measures,
        RelationKind::FollowsUp,
        RelationKind::ReportsTo,
        RelationKind::Facilitates,
        RelationKind::CoFacilitates,
        RelationKind::References,
    ];

    /// The kebab-case name used in JSON: `co-chairs`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Leads => "leads",
            RelationKind::CoLeads => "co-leads",
            RelationKind::Chairs => "chairs",
            RelationKind::CoChairs => "co-chairs",
            RelationKind::PartnersIn => "partners-in",
            RelationKind::PartnersWith => "partners-with",
            RelationKind::ContributesTo => "contributes-to",
            RelationKind::MemberOf => "member-of",
            RelationKind::SubgroupOf => "subgroup-of",
            RelationKind::PartOf => "part-of",
            RelationKind::BuildsOn => "builds-on",
            RelationKind::Organises => "organises",
            RelationKind::Briefs => "briefs",
            RelationKind::MilestoneFor => "milestone-for",
            RelationKind::MechanismFor => "mechanism-for",
            RelationKind::Measures => "measures",
            RelationKind::FollowsUp => "follows-up",
            RelationKind::ReportsTo => "reports-to",
            RelationKind::Facilitates => "facilitates",
            RelationKind::CoFacilitates => "co-facilitates",
            RelationKind::References => "references",
        }
    }

    /// Whether a relation of this kind may point from an entity of kind `from` to one of kind
    /// `to`. The builder reports every relation for which this is false.
    pub fn allows(self, from: EntityKind, to: EntityKind) -> bool {
        let is = |set: &[EntityKind], k: EntityKind| set.contains(&k);
        match self {
            RelationKind::Supports => is(ACTORS, from) && is(TARGETS, to),
            RelationKind::Leads | RelationKind::CoLeads => is(LEADERS, from) && is(LED, to),
            RelationKind::Chairs | RelationKind::CoChairs => {
                is(LEADERS, from) && is(&[K::Body, K::Event], to)
            }
            RelationKind::PartnersIn => {
                is(PARTNERS, from) && is(&[K::Initiative, K::Body, K::Event], to)
            }
            RelationKind::PartnersWith => is(PARTNERS, from) && is(PARTNERS, to),
            RelationKind::ContributesTo => {
                is(ACTORS, from)
                    && is(
                        &[
                            K::Initiative,
                            K::Body,
                            K::Event,
                            K::PactAction,
                            K::Document,
                            K::Commitment,
                        ],
                        to,
                    )
            }
            RelationKind::MemberOf => is(LEADERS, from) && is(&[K::Body, K::Initiative], to),
            RelationKind::SubgroupOf => from == K::Body && to == K::Body,
            RelationKind::PartOf => match from {
                K::Organisation => to == K::Organisation,
                K::Initiative => is(&[K::Initiative, K::Body], to),
                K::Event => is(&[K::Event, K::Initiative, K::Body], to),
                K::Document => to == K::Document,
                K::PactAction => is(&[K::PactChapter, K::PactAction], to),
                _ => false,
            },
            RelationKind::BuildsOn => {
                is(&[K::Initiative, K::Event], from) && is(&[K::Initiative, K::Event, K::Body], to)
            }
            RelationKind::Organises => is(LEADERS, from) && to == K::Event,
            RelationKind::Briefs => {
                is(LEADERS, from) && is(&[K::Organisation, K::Body, K::Event], to)
            }
            RelationKind::MilestoneFor => from == K::Event && (to == K::Body || is(TARGETS, to)),
            RelationKind::MechanismFor => {
                is(&[K::Initiative, K::Event, K::Body], from) && to == K::Body
            }
            RelationKind::Measures => {
                from == K::Initiative && (is(TARGETS, to) || to == K::Document)
            }
            RelationKind::FollowsUp => {
                from == K::Body
                    && is(
                        &[K::PactChapter, K::PactAction, K::Objective, K::Document],
                        to,
                    )
            }
            RelationKind::ReportsTo => from == K::Body && is(&[K::Body, K::Organisation], to),
            RelationKind::Facilitates | RelationKind::CoFacilitates => {
                from == K::Organisation && to == K::ActionLine
            }
            RelationKind::References => from == K::Document && to == K::Document,
        }
    }

    /// Whether relations of this kind form a hierarchy (part of a whole, member of a group,
    /// reporting line), in which a cycle is an error.
    pub fn is_hierarchy(self) -> bool {
        matches!(
            self,
            RelationKind::MemberOf
                | RelationKind::SubgroupOf
                | RelationKind::PartOf
                | RelationKind::ReportsTo
        )
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A directed relation `from` —`kind`→ `to`, with the evidence for it.
///
/// # Example
/// ```
/// use gdc_map::{Provenance, Relation, RelationKind, SectionRef};
///
/// let r = Relation::new(
///     "org:itu".parse()?,
///     RelationKind::CoChairs,
///     "body:wgdt".parse()?,
///     Provenance::Stated(SectionRef::new("2.1")?),
/// );
/// assert_eq!(r.to_string(), "org:itu co-chairs body:wgdt");
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a relation")]
pub struct Relation {
    /// The subject.
    pub from: EntityId,
    /// What the subject does to the object.
    pub kind: RelationKind,
    /// The object.
    pub to: EntityId,
    /// The evidence. Must not be empty.
    pub provenance: ProvenanceList,
    /// The date from which the relation holds, when the source gives one ("2025 and beyond").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// Notes for readers.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub notes: Vec<String>,
}

impl Relation {
    /// A relation with one piece of evidence, no date and no notes.
    pub fn new(from: EntityId, kind: RelationKind, to: EntityId, provenance: Provenance) -> Self {
        Relation {
            from,
            kind,
            to,
            provenance: provenance.into(),
            since: None,
            notes: Vec::new(),
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.from, self.kind, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::RelationKind;

    /// Tables indexed by `kind as usize` (the exporters' predicate names, the validator's
    /// hierarchy check) rely on `ALL` listing the kinds in declaration order.
    #[test]
    fn all_lists_kinds_in_declaration_order() {
        for (i, kind) in RelationKind::ALL.into_iter().enumerate() {
            assert_eq!(kind as usize, i, "{kind}");
        }
    }
}
