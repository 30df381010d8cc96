//! Entities × targets: how many links each entity has to each target's coverage, and of what
//! kind.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::graph::Graph;
use crate::model::id::{EntityId, EntityKind};
use crate::model::relation::RelationKind;
use crate::query::coverage::{Coverage, CoverageOptions};

/// How an entity takes part in a target's coverage, read from the first relation of each of
/// its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Involvement {
    /// Supports or follows up the target itself.
    Supports,
    /// Leads something that covers it.
    Lead,
    /// Co-leads something that covers it.
    CoLead,
    /// Chairs something that covers it.
    Chair,
    /// Co-chairs something that covers it.
    CoChair,
    /// Partners in something that covers it.
    Partner,
    /// Contributes to something that covers it.
    Contributor,
    /// Is a member, subgroup or part of something that covers it.
    Member,
    /// Organises an event that covers it.
    Organiser,
    /// Facilitates or co-facilitates it (WSIS action lines).
    Facilitator,
    /// Any other carrier relation.
    Other,
}

impl Involvement {
    fn of(kind: RelationKind) -> Involvement {
        match kind {
            RelationKind::Supports | RelationKind::FollowsUp => Involvement::Supports,
            RelationKind::Leads => Involvement::Lead,
            RelationKind::CoLeads => Involvement::CoLead,
            RelationKind::Chairs => Involvement::Chair,
            RelationKind::CoChairs => Involvement::CoChair,
            RelationKind::PartnersIn | RelationKind::PartnersWith => Involvement::Partner,
            RelationKind::ContributesTo => Involvement::Contributor,
            RelationKind::MemberOf | RelationKind::SubgroupOf | RelationKind::PartOf => {
                Involvement::Member
            }
            RelationKind::Organises => Involvement::Organiser,
            RelationKind::Facilitates | RelationKind::CoFacilitates => Involvement::Facilitator,
            _ => Involvement::Other,
        }
    }

    /// A short name for tables: `lead`, `co-lead`, `partner`.
    pub fn as_str(self) -> &'static str {
        match self {
            Involvement::Supports => "supports",
            Involvement::Lead => "lead",
            Involvement::CoLead => "co-lead",
            Involvement::Chair => "chair",
            Involvement::CoChair => "co-chair",
            Involvement::Partner => "partner",
            Involvement::Contributor => "contributor",
            Involvement::Member => "member",
            Involvement::Organiser => "organiser",
            Involvement::Facilitator => "facilitator",
            Involvement::Other => "other",
        }
    }
}

/// One cell: the entity's links into the target's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MatrixCell {
    /// How many links (relations toward the target or toward something covering it).
    pub links: usize,
    /// The kinds of involvement among them.
    pub involvement: BTreeSet<Involvement>,
}

impl MatrixCell {
    /// `3 lead, partner`, or empty for no links.
    pub fn label(&self) -> String {
        if self.links == 0 {
            return String::new();
        }
        let kinds: Vec<&str> = self.involvement.iter().map(|i| i.as_str()).collect();
        format!("{} {}", self.links, kinds.join(", "))
    }
}

/// Entities (rows) × targets (columns), each cell saying how an entity is linked into a
/// target's coverage. Rows are the entities of one kind that cover at least one column, sorted
/// by id; its renderings for reading ([`CoverageMatrix::to_text`], `to_markdown`, the SVG
/// heatmap) list them by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageMatrix {
    /// The row entities.
    pub rows: Vec<EntityId>,
    /// Their short names, for rendering.
    pub row_names: Vec<String>,
    /// The target columns.
    pub columns: Vec<EntityId>,
    /// Their short names, for rendering.
    pub column_names: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<MatrixCell>>,
}

impl CoverageMatrix {
    /// The cell for a row and a column entity.
    pub fn cell(&self, row: &EntityId, column: &EntityId) -> Option<&MatrixCell> {
        // Rows come sorted; the fields are public, so a matrix put together otherwise is
        // still searched right, only more slowly.
        let r = (self.rows.binary_search(row).ok())
            .or_else(|| self.rows.iter().position(|x| x == row))?;
        let c = self.columns.iter().position(|x| x == column)?;
        self.cells.get(r)?.get(c)
    }
}

impl Graph {
    /// The coverage matrix of `rows`-kind entities against `columns` targets, the columns in
    /// the order given.
    ///
    /// A column the graph does not hold (a commitment id with a typo, say) is kept, with every
    /// cell empty, so that the columns still line up with the ids asked for; check
    /// [`Graph::entity`] first to tell such a column from a target nothing covers.
    ///
    /// # Complexity
    /// One [`Graph::coverage`] walk per column.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{CoverageOptions, EntityId, EntityKind, Graph, Involvement, Objective};
    ///
    /// let graph = Graph::embedded();
    /// let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    /// let m = graph.coverage_matrix(EntityKind::Organisation, &objectives, &CoverageOptions::default());
    /// let cell = m.cell(&"org:unicef".parse()?, &Objective::DigitalDivides.into()).unwrap();
    /// assert!(cell.involvement.contains(&Involvement::Partner));
    /// println!("{}", m.to_text());
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn coverage_matrix(
        &self,
        rows: EntityKind,
        columns: &[EntityId],
        options: &CoverageOptions,
    ) -> CoverageMatrix {
        let coverages: Vec<_> = columns.iter().map(|c| self.coverage(c, options)).collect();
        let coverages: Vec<Option<&Coverage>> = coverages.iter().map(Option::as_ref).collect();
        self.matrix_of(rows, columns, &coverages)
    }

    /// The coverage matrix of `rows`-kind entities against `columns`, from the columns'
    /// coverage already found (`None` for a column not in the graph), for callers that have
    /// it: the text report finds the objectives' coverage once for its tables and matrices.
    pub(crate) fn matrix_of(
        &self,
        rows: EntityKind,
        columns: &[EntityId],
        coverages: &[Option<&Coverage>],
    ) -> CoverageMatrix {
        // Each column's entries are sorted by entity, so the rows and their cells come out
        // of one merge of the columns' lists, in order: no set of rows to build, and no
        // search of every column for every row, which over a large graph would be a wait on
        // memory at each step.
        let mut columns_left: Vec<_> = coverages
            .iter()
            .map(|c| {
                c.map_or(&[][..], |c| c.entries.as_slice())
                    .iter()
                    .filter(|e| e.entity.kind() == rows)
                    .peekable()
            })
            .collect();
        let mut row_ids: Vec<EntityId> = Vec::new();
        let mut cells: Vec<Vec<MatrixCell>> = Vec::new();
        while let Some(row) = columns_left
            .iter_mut()
            .filter_map(|column| column.peek().map(|e| &e.entity))
            .min()
            .cloned()
        {
            cells.push(
                columns_left
                    .iter_mut()
                    .map(|column| match column.next_if(|e| e.entity == row) {
                        Some(entry) => MatrixCell {
                            links: entry.links.len(),
                            involvement: entry
                                .links
                                .iter()
                                .map(|r| Involvement::of(r.kind))
                                .collect(),
                        },
                        None => MatrixCell::default(),
                    })
                    .collect(),
            );
            row_ids.push(row);
        }
        let rows = row_ids;
        CoverageMatrix {
            row_names: {
                // Rows are sorted by id, so each name is a step or two from the last.
                let mut finder = self.node_finder();
                rows.iter()
                    .map(|r| self.name_in_order(&mut finder, r))
                    .collect()
            },
            column_names: columns.iter().map(|c| self.name_of(c)).collect(),
            rows,
            columns: columns.to_vec(),
            cells,
        }
    }
}
