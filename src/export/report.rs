//! The plain-text report over a graph: per-objective coverage with citations, the UN
//! coordination structure, the dated events and milestones, and what each section of the
//! sources is cited for.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::graph::{Direction, Graph};
use crate::model::entity::DateFact;
use crate::model::id::{EntityId, EntityKind, SectionRef};
use crate::model::provenance::{Citation, Provenance};
use crate::model::relation::{Relation, RelationKind};
use crate::query::coverage::{Coverage, CoverageEntry, CoverageOptions};
use crate::ranks::RankTable;

use super::Out;
use super::table::{Table, push_shortened, shorten};
use crate::model::text::one_line;

/// The evidence of a set of provenance lists as one cell: `§1/obj1 §2.1`, with `context` added
/// when any of it is context.
pub(crate) fn evidence_cell<'a>(lists: impl IntoIterator<Item = &'a [Provenance]>) -> String {
    let mut sections = BTreeSet::new();
    let mut context = false;
    for p in lists.into_iter().flatten() {
        match p {
            Provenance::Stated(s) => {
                sections.insert(s.as_str());
            }
            _ => context = true,
        }
    }
    let mut cell: Vec<String> = sections.into_iter().map(|s| format!("§{s}")).collect();
    if context {
        cell.push("context".to_owned());
    }
    cell.join(" ")
}

/// One relation's evidence as [`evidence_cell`] writes it, each item after a space, without
/// building a string when there is a single piece of evidence (the common case, rendered a
/// million times in a large export).
pub(crate) struct Evidence<'a>(pub(crate) &'a [Provenance]);

impl std::fmt::Display for Evidence<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            [] => Ok(()),
            [Provenance::Stated(s)] => write!(f, " §{s}"),
            [_] => f.write_str(" context"),
            several => write!(f, " {}", evidence_cell([several])),
        }
    }
}

fn relation_evidence(relations: &[&Relation]) -> String {
    evidence_cell(relations.iter().map(|r| r.provenance.as_slice()))
}

/// How an entity is linked to the target, written into `cell`: `supports`, or `leads ITU
/// Academy; partners-in Giga, EQUALS` — every link, grouped by relation kind in the order
/// the kinds first appear. `name_of(i)` names the far end of link `i`.
fn write_link_cell<'a>(
    cell: &mut String,
    name_of: impl Fn(usize) -> Cow<'a, str>,
    target: &EntityId,
    entry: &CoverageEntry,
) {
    cell.clear();
    let mut kinds: Vec<RelationKind> = Vec::new();
    for r in &entry.links {
        if !kinds.contains(&r.kind) {
            kinds.push(r.kind);
        }
    }
    for (i, &kind) in kinds.iter().enumerate() {
        if i > 0 {
            cell.push_str("; ");
        }
        let _ = write!(cell, "{kind}");
        let named =
            (entry.links.iter().enumerate()).filter(|(_, r)| r.kind == kind && &r.to != target);
        for (j, (link, _)) in named.enumerate() {
            cell.push_str(if j == 0 { " " } else { ", " });
            push_shortened(cell, &name_of(link), 40);
        }
    }
}

/// The names of one objective's entries, one after another in one string, and where each
/// sits, by entity; kept from one objective to the next so that their memory is reused.
#[derive(Default)]
struct EntryNames {
    text: String,
    /// Where each entry's name ends in `text`, in the entries' order.
    ends: Vec<usize>,
    /// The entries' ids, in their order (by id).
    ids: Vec<EntityId>,
    /// Where each id sits in `ids`. The links of a large objective's entries point all over
    /// them, so each lookup is a wait on memory, more so at a hundred thousand entries than
    /// at ten thousand: a table of 8-byte slots rather than a map holding every id again,
    /// asked for all of an entry's links at once so that their waits overlap.
    places: Option<RankTable>,
}

impl EntryNames {
    /// Each of `entries`' names, found in their order (by id), a step or two from the last.
    fn fill(&mut self, graph: &Graph, entries: &[CoverageEntry]) {
        self.text.clear();
        self.ends.clear();
        self.ids.clear();
        let mut finder = graph.node_finder();
        for e in entries {
            self.text
                .push_str(&graph.name_in_order(&mut finder, &e.entity));
            self.ends.push(self.text.len());
            self.ids.push(e.entity.clone());
        }
        self.places = Some(RankTable::new(&self.ids));
    }

    /// The name of entry `i`.
    fn at(&self, i: usize) -> &str {
        let start = i.checked_sub(1).and_then(|j| self.ends.get(j)).copied();
        let end = self.ends.get(i).copied().unwrap_or(0);
        self.text.get(start.unwrap_or(0)..end).unwrap_or_default()
    }

    /// Where the far end of each of `entry`'s links sits among the entries, into `linked`.
    fn find_links(&self, entry: &CoverageEntry, linked: &mut Vec<Option<u32>>) {
        let wanted: Vec<&EntityId> = entry.links.iter().map(|r| &r.to).collect();
        match &self.places {
            Some(places) => places.find_many(&wanted, &self.ids, linked),
            None => linked.clear(),
        }
    }

    /// The name of the far end of `entry`'s link `i`, whose place [`EntryNames::find_links`]
    /// put in `linked`: its entry's when it is one, otherwise the graph's. A link leads from
    /// an entry to another entry (or the objective), so the names in the link cells are
    /// nearly always the entries' own.
    fn link(
        &self,
        graph: &Graph,
        entry: &CoverageEntry,
        linked: &[Option<u32>],
        i: usize,
    ) -> Cow<'_, str> {
        match linked.get(i).copied().flatten() {
            Some(place) => Cow::Borrowed(self.at(place as usize)),
            None => Cow::Owned(
                entry
                    .links
                    .get(i)
                    .map_or_else(String::new, |r| graph.name_of(&r.to)),
            ),
        }
    }
}

const KIND_ORDER: [EntityKind; 4] = [
    EntityKind::Initiative,
    EntityKind::Body,
    EntityKind::Event,
    EntityKind::Organisation,
];

/// Renders the report the README's main command prints: each objective's coverage with its
/// evidence, the organisation and initiative matrices, the coordination structure, the Pact
/// actions, the dated facts and milestones, and how many records, dates, figures and relations
/// cite each section of the sources and each context source (with its address, where the data
/// gives one).
///
/// The text depends only on the graph, so the same graph always gives the same bytes.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export::text_report};
///
/// let report = text_report(Graph::embedded());
/// assert!(report.contains("Objective 5: Enhance international governance of artificial intelligence"));
/// assert!(report.contains("IAWG-AI"));
/// // The report's `context` marks lead to the sources they stand for.
/// assert!(report.contains("What each context source is cited for"));
/// assert!(report.contains("https://sdgs.un.org/tfm"));
/// ```
pub fn text_report(graph: &Graph) -> String {
    super::whole(|out| report(graph, out))
}

/// [`text_report`] written to `writer` a piece at a time: the same bytes, without the whole
/// report in memory (over a graph of a million initiatives it runs to well over 100 MB).
/// A writer that stops taking text, such as a closed pipe, ends the report with an error.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::io::stdout().lock()
/// export::write_text_report(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::text_report(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_text_report(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| report(graph, out))
}

fn report(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    header(graph, out)?;
    // Found once for the objective tables and both matrices: the walks with paths are the
    // larger part of the report's cost over a large graph.
    let coverages = graph.objective_coverage(&CoverageOptions::default());
    objectives(graph, &coverages, out)?;
    matrices(graph, &coverages, out)?;
    structure(graph, out)?;
    pact_actions(graph, out)?;
    dates(graph, out)?;
    citations(graph, out)
}

fn header(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    let _ = writeln!(out, "GDC implementation map");
    for source in graph.sources() {
        let _ = writeln!(
            out,
            "source: {} (encoding {})",
            one_line(&source.title),
            one_line(&source.version)
        );
    }
    let _ = writeln!(
        out,
        "records: {} organisations, {} initiatives, {} bodies, {} events, {} documents, {} Pact \
         actions, {} commitments; {} relations",
        graph.organisations().len(),
        graph.initiatives().len(),
        graph.bodies().len(),
        graph.events().len(),
        graph.documents().len(),
        graph.pact_actions().len(),
        graph.commitments().len(),
        graph.relations().len()
    );
    let _ = writeln!(
        out,
        "evidence: §ref = the section of the source that states it; context = another public \
         source, cited in the data"
    );
    out.item_done()
}

fn objectives(graph: &Graph, coverages: &[Coverage], out: &mut Out<'_>) -> std::io::Result<()> {
    // Kept from one objective to the next, so that their memory is reused rather than asked
    // of the system again, page by page, at each objective of a large graph.
    let mut names = EntryNames::default();
    let mut table = Table::default();
    let mut link = String::new();
    let mut linked = Vec::new();
    for coverage in coverages {
        let EntityId::Objective(objective) = coverage.target else {
            continue;
        };
        let _ = writeln!(out, "\n{objective:#}");
        let _ = writeln!(out, "  ({})", objective.title_zh());
        names.fill(graph, &coverage.entries);
        // Sorted by kind, distance and name, ties kept in id order.
        let mut entries: Vec<(Option<usize>, usize, &str, &CoverageEntry)> = (coverage.entries)
            .iter()
            .enumerate()
            .filter(|(_, e)| KIND_ORDER.contains(&e.entity.kind()))
            .map(|(i, e)| {
                let kind = KIND_ORDER.iter().position(|k| *k == e.entity.kind());
                (kind, e.path.len(), names.at(i), e)
            })
            .collect();
        entries.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        if entries.is_empty() {
            let _ = writeln!(out, "  nothing in the data supports this objective");
            continue;
        }
        table.clear();
        table.row(["kind", "entity", "evidence", "link"]);
        for (_, _, name, e) in entries {
            let steps: Vec<&Relation> = e.links.iter().collect();
            names.find_links(e, &mut linked);
            write_link_cell(
                &mut link,
                |i| names.link(graph, e, &linked, i),
                &coverage.target,
                e,
            );
            table.row([
                e.entity.kind().name(),
                &shorten(name, 60),
                &relation_evidence(&steps),
                &link,
            ]);
        }
        table.render_into("  ", out)?;
    }
    Ok(())
}

fn matrices(graph: &Graph, coverages: &[Coverage], out: &mut Out<'_>) -> std::io::Result<()> {
    let objectives: Vec<EntityId> = coverages.iter().map(|c| c.target.clone()).collect();
    let coverages: Vec<Option<&Coverage>> = coverages.iter().map(Some).collect();
    for (kind, title) in [
        (EntityKind::Organisation, "Organisations × objectives"),
        (EntityKind::Initiative, "Initiatives × objectives"),
    ] {
        let matrix = graph.matrix_of(kind, &objectives, &coverages);
        let _ = writeln!(
            out,
            "\n{title} (links into each objective's coverage, and how; · none)"
        );
        matrix.text_table().render_into("  ", out)?;
    }
    Ok(())
}

/// How many levels of the body tree are shown by indentation.
const MAX_INDENT: usize = 12;

/// Bodies as a tree along `subgroup-of` and `reports-to`, each with who chairs, leads or
/// takes part in it.
fn structure(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    let _ = writeln!(out, "\nUN coordination structure");
    let is_up = |r: &Relation| {
        matches!(r.kind, RelationKind::SubgroupOf | RelationKind::ReportsTo)
            && r.to.kind() == EntityKind::Body
    };
    let roots: Vec<EntityId> = graph
        .bodies()
        .iter()
        .map(|b| EntityId::Body(b.id.clone()))
        .filter(|id| !graph.relations_of(id, Direction::Outgoing).any(is_up))
        .collect();
    let mut table = Table::with_header(["body", "roles", "evidence"]);
    let mut stack: Vec<(EntityId, usize, Option<RelationKind>)> =
        roots.into_iter().rev().map(|id| (id, 0, None)).collect();
    let mut visited = BTreeSet::new();
    while let Some((id, depth, via)) = stack.pop() {
        if !visited.insert(id.clone()) {
            continue;
        }
        let roles: Vec<&Relation> = graph
            .relations_of(&id, Direction::Incoming)
            .filter(|r| {
                matches!(
                    r.kind,
                    RelationKind::Chairs
                        | RelationKind::CoChairs
                        | RelationKind::Leads
                        | RelationKind::CoLeads
                        | RelationKind::MemberOf
                )
            })
            .collect();
        let mut role_text: Vec<String> = Vec::new();
        for kind in [
            RelationKind::Chairs,
            RelationKind::CoChairs,
            RelationKind::Leads,
            RelationKind::CoLeads,
            RelationKind::MemberOf,
        ] {
            let names: Vec<String> = roles
                .iter()
                .filter(|r| r.kind == kind)
                .map(|r| graph.name_of(&r.from))
                .collect();
            if !names.is_empty() {
                let verb = match kind {
                    RelationKind::Chairs => "chair",
                    RelationKind::CoChairs => "co-chairs",
                    RelationKind::Leads => "lead",
                    RelationKind::CoLeads => "co-leads",
                    _ => "members",
                };
                role_text.push(format!("{verb}: {}", names.join(", ")));
            }
        }
        let is_subgroup = graph.entity(&id).is_some_and(
            |e| matches!(e, crate::EntityRef::Body(b) if b.kind == crate::BodyKind::Subgroup),
        );
        if role_text.is_empty() && is_subgroup {
            role_text.push("no lead stated".to_owned());
        }
        let prefix = match via {
            Some(RelationKind::SubgroupOf) => "└ ",
            Some(_) => "↳ ",
            None => "",
        };
        let mut evidence_from = roles.clone();
        let up: Vec<&Relation> = graph
            .relations_of(&id, Direction::Outgoing)
            .filter(|r| is_up(r))
            .collect();
        evidence_from.extend(up);
        // Past a dozen levels the indent stops growing and the level is written instead:
        // indenting every level would make a hierarchy n levels deep n² characters wide.
        let level = if depth > MAX_INDENT {
            format!("[level {depth}] ")
        } else {
            String::new()
        };
        table.row([
            format!(
                "{}{level}{prefix}{}",
                "  ".repeat(depth.min(MAX_INDENT)),
                shorten(graph.entity(&id).map(|e| e.title()).unwrap_or_default(), 72)
            ),
            role_text.join("; "),
            relation_evidence(&evidence_from),
        ]);
        let children: Vec<(EntityId, RelationKind)> = graph
            .relations_of(&id, Direction::Incoming)
            .filter(|r| is_up(r) && r.from.kind() == EntityKind::Body)
            .map(|r| (r.from.clone(), r.kind))
            .collect();
        for (child, kind) in children.into_iter().rev() {
            stack.push((child, depth + 1, Some(kind)));
        }
    }
    table.render_into("  ", out)?;
    let _ = writeln!(
        out,
        "  (└ subgroup or committee of the body above; ↳ reports to or works under it)"
    );
    out.item_done()
}

fn pact_actions(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    if graph.pact_actions().is_empty() {
        return Ok(());
    }
    let _ = writeln!(out, "\nPact for the Future actions");
    let mut table = Table::with_header(["action", "about", "co-leads", "contributors", "evidence"]);
    for action in graph.pact_actions() {
        let id = EntityId::PactAction(action.id);
        let incoming: Vec<&Relation> = graph.relations_of(&id, Direction::Incoming).collect();
        let names = |kinds: &[RelationKind]| {
            incoming
                .iter()
                .filter(|r| kinds.contains(&r.kind))
                .map(|r| graph.name_of(&r.from))
                .collect::<Vec<_>>()
                .join(", ")
        };
        table.row([
            action.id.to_string(),
            shorten(&action.label.en, 60),
            names(&[RelationKind::Leads, RelationKind::CoLeads]),
            names(&[RelationKind::ContributesTo, RelationKind::Supports]),
            relation_evidence(&incoming),
        ]);
    }
    table.render_into("  ", out)
}

fn dates(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    let _ = writeln!(out, "\nDated events and milestones");
    let mut facts: Vec<(&DateFact, EntityId)> = graph
        .entities()
        .flat_map(|e| {
            let id = e.id();
            e.dates().iter().map(move |d| (d, id.clone()))
        })
        .collect();
    facts.sort_by(|a, b| (a.0.date, &a.1, a.0.kind).cmp(&(b.0.date, &b.1, b.0.kind)));
    let mut table = Table::with_header(["date", "what", "entity", "evidence"]);
    for (fact, id) in facts {
        table.row([
            fact.date.to_string(),
            fact.kind.as_str().to_owned(),
            shorten(graph.entity(&id).map(|e| e.title()).unwrap_or_default(), 72),
            evidence_cell([fact.provenance.as_slice()]),
        ]);
    }
    table.render_into("  ", out)?;
    let milestones: Vec<&Relation> = graph
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::MilestoneFor)
        .collect();
    if !milestones.is_empty() {
        let _ = writeln!(out, "\n  Recognised milestones");
        let mut table = Table::with_header(["since", "event", "milestone for", "evidence"]);
        for r in milestones {
            table.row([
                r.since
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "—".to_owned()),
                graph
                    .entity(&r.from)
                    .map(|e| e.title().to_owned())
                    .unwrap_or_default(),
                graph.name_of(&r.to),
                relation_evidence(&[r]),
            ]);
        }
        table.render_into("  ", out)?;
    }
    Ok(())
}

/// How many records, dates, figures and relations cite each declared section, and each
/// context source, found in one pass over the graph: where the data rests on the source, a
/// section nothing cites is there to see, and the report's `context` marks lead to the
/// sources they stand for, with where to read them. `Graph::stated_in` lists one section's
/// facts.
fn citations(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    let declared = graph.sections();
    // [records, dates, figures, relations] for each section, in the order of `declared`.
    let mut counts = vec![[0usize; 4]; declared.len()];
    // Looked up once for each piece of evidence in the graph (half a million at 10^5): a hash
    // of the id's text took 32 ms there, a binary search comparing texts 45 ms.
    let index: HashMap<&SectionRef, usize> = (declared.iter().enumerate())
        .map(|(i, s)| (&s.id, i))
        .collect();
    // The same for each context source, told apart by citation and address.
    let mut contexts: HashMap<&Citation, [usize; 4]> = HashMap::new();
    // Each piece of evidence in the graph, with what it is evidence for (its place in the
    // counts).
    let evidence = graph
        .entities()
        .flat_map(|entity| {
            let dates = entity.dates().iter().map(|d| (d.provenance.as_slice(), 1));
            let figures = entity
                .figures()
                .iter()
                .map(|f| (f.provenance.as_slice(), 2));
            std::iter::once((entity.provenance(), 0))
                .chain(dates)
                .chain(figures)
        })
        .chain(
            graph
                .relations()
                .iter()
                .map(|r| (r.provenance.as_slice(), 3)),
        );
    let (mut cited, mut cited_contexts): (Vec<usize>, Vec<&Citation>) = (Vec::new(), Vec::new());
    for (evidence, what) in evidence {
        cited.clear();
        cited_contexts.clear();
        for p in evidence {
            match p {
                Provenance::Stated(section) => {
                    if let Some(&i) = index.get(section)
                        && !cited.contains(&i)
                    {
                        cited.push(i);
                        if let Some(c) = counts.get_mut(i).and_then(|c| c.get_mut(what)) {
                            *c += 1;
                        }
                    }
                }
                Provenance::Context(citation) => {
                    let citation: &Citation = citation;
                    if !cited_contexts.contains(&citation) {
                        cited_contexts.push(citation);
                        if let Some(c) = contexts.entry(citation).or_default().get_mut(what) {
                            *c += 1;
                        }
                    }
                }
            }
        }
    }
    if !declared.is_empty() {
        let _ = writeln!(out, "\nWhat each section of the source is cited for");
        let mut table = Table::with_header([
            "section",
            "source",
            "records",
            "dates",
            "figures",
            "relations",
            "title",
        ]);
        for (section, [records, dates, figures, relations]) in declared.iter().zip(&counts) {
            table.row([
                format!("§{}", section.id),
                section.source.to_string(),
                records.to_string(),
                dates.to_string(),
                figures.to_string(),
                relations.to_string(),
                shorten(&section.title, 72),
            ]);
        }
        table.render_into("  ", out)?;
    }
    if !contexts.is_empty() {
        let _ = writeln!(
            out,
            "\nWhat each context source is cited for (sources other than the dataset's own)"
        );
        let mut table =
            Table::with_header(["records", "dates", "figures", "relations", "citation", "at"]);
        let mut contexts: Vec<_> = contexts.into_iter().collect();
        contexts.sort_unstable();
        for (citation, [records, dates, figures, relations]) in contexts {
            table.row([
                records.to_string(),
                dates.to_string(),
                figures.to_string(),
                relations.to_string(),
                shorten(&citation.citation, 100),
                one_line(citation.url.as_deref().unwrap_or_default()),
            ]);
        }
        table.render_into("  ", out)?;
    }
    Ok(())
}
