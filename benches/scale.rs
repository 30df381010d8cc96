//! Benchmarks at growing tiers of synthetic data, with hand-written CSR baselines for coverage
//! and for the core of the gap report, measured in the same run and checked to agree.
//!
//! `cargo bench` runs the tiers 10^3, 10^4 and 10^5 initiatives; set `GDC_BENCH_TIERS=3,4,5,6`
//! for the 10^6 tier too (it needs about 4 GB of memory and about 35 minutes). Each operation
//! is one group, its tiers measured one after the other: `build-from-json/100000`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "benchmark set-up fails loudly"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Bencher, BenchmarkId, Criterion, Throughput, criterion_main};

#[path = "support/baselines.rs"]
mod baselines;
use baselines::{Csr, GapCore, explain_pairs};
use gdc_map::{
    Citation, Coverage, CoverageMatrix, CoverageOptions, Dataset, EntityId, EntityKind,
    FindingKind, GapPolicy, GapReport, Graph, GraphBuilder, Label, Objective, OrganisationId,
    OrganisationKind, Provenance, Record, Relation, RelationKind, SyntheticSpec, export,
};

fn tiers() -> Vec<usize> {
    std::env::var("GDC_BENCH_TIERS")
        .unwrap_or_else(|_| "3,4,5".into())
        .split(',')
        .filter_map(|t| t.trim().parse::<u32>().ok())
        .map(|k| 10usize.pow(k))
        .collect()
}

/// One tier's data, built once and asked by every benchmark.
struct Tier {
    n: usize,
    json: String,
    graph: Graph,
    csr: Csr,
    /// Scratch for the baselines' walks.
    seen: Vec<u32>,
    epoch: u32,
    /// Every target (objectives, goals, action lines, commitments, ...), for their summaries.
    targets: Vec<EntityId>,
    /// The pairs `explain` is timed on.
    pairs: Vec<(EntityId, EntityId)>,
    /// The organisations `covered_by` is timed on: a hundred spread over the list, the
    /// hub that leads most among them.
    organisations: Vec<EntityId>,
    /// What the table exports are timed on: the five objectives' coverage with paths, the
    /// gap report, and organisations × objectives.
    coverages: Vec<Coverage>,
    report: GapReport,
    matrix: CoverageMatrix,
}

impl Tier {
    /// The tier of `n` initiatives, its baselines checked against the crate.
    fn new(n: usize) -> Tier {
        let data = SyntheticSpec::new(n).generate();
        let json = data.to_json();
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let csr = Csr::new(&graph);
        let mut seen = vec![0u32; graph.entity_count()];
        let mut epoch = 0;
        let options = CoverageOptions::default();
        let crate_counts: Vec<usize> = objectives()
            .iter()
            .map(|o| graph.coverage_summary(o, &options).unwrap().total)
            .collect();
        assert_eq!(
            csr.coverage_counts(&mut seen, &mut epoch),
            crate_counts,
            "baseline and crate agree"
        );

        let report = graph.gaps(&GapPolicy::default());
        let count = |kind| report.of_kind(kind).count();
        assert_eq!(
            csr.gap_core(&mut seen, &mut epoch),
            GapCore {
                uncovered: count(FindingKind::Uncovered),
                thin: count(FindingKind::Thin),
                no_organisation: count(FindingKind::NoOrganisation),
                single_organisation: report
                    .of_kind(FindingKind::SinglePointOfFailure)
                    .map(|f| f.related.len())
                    .sum(),
                orphans: count(FindingKind::OrphanInitiative),
            },
            "gap baseline and crate agree"
        );

        let pairs = explain_pairs(&graph);
        let all = graph.organisations();
        let organisations = (0..100)
            .filter_map(|i| all.get(i * all.len() / 100))
            .map(|o| EntityId::from(o.id.clone()))
            .collect();
        let targets = graph.targets();
        let coverages = graph.objective_coverage(&options);
        let matrix = graph.coverage_matrix(EntityKind::Organisation, &objectives(), &options);
        Tier {
            n,
            json,
            graph,
            csr,
            seen,
            epoch,
            targets,
            pairs,
            organisations,
            coverages,
            report,
            matrix,
        }
    }
}

fn objectives() -> Vec<EntityId> {
    Objective::ALL.into_iter().map(Into::into).collect()
}

/// What a benchmark's throughput is counted in.
#[derive(Clone, Copy)]
enum Per {
    InputByte,
    Relation,
}

/// Times `routine` at every tier, one tier right after the other, as one group named `name`.
///
/// A growth ratio divides one tier's time by another's. Grouped by tier, the two times of a
/// ratio were taken a quarter of an hour apart, and this machine's speed drifts with its
/// other tenants' load by more than the margin the ratios are held to; grouped by operation,
/// they are taken a minute apart.
fn bench<R>(
    c: &mut Criterion,
    tiers: &mut [Tier],
    name: &str,
    per: Per,
    mut routine: impl FnMut(&mut Tier) -> R,
) {
    bench_with(c, tiers, name, per, |b, tier| b.iter(|| routine(tier)));
}

/// As [`bench`], for a routine that times itself with the `Bencher` it is given.
fn bench_with(
    c: &mut Criterion,
    tiers: &mut [Tier],
    name: &str,
    per: Per,
    mut timed: impl FnMut(&mut Bencher<'_>, &mut Tier),
) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for tier in tiers.iter_mut() {
        group.measurement_time(Duration::from_secs(if tier.n >= 1_000_000 {
            60
        } else {
            5
        }));
        group.throughput(match per {
            Per::InputByte => Throughput::Bytes(tier.json.len() as u64),
            Per::Relation => Throughput::Elements(tier.graph.relations().len() as u64),
        });
        group.bench_function(BenchmarkId::from_parameter(tier.n), |b| timed(b, tier));
    }
    group.finish();
}

fn scale(c: &mut Criterion) {
    let mut tiers: Vec<Tier> = tiers().into_iter().map(Tier::new).collect();
    let tiers = &mut tiers;
    let objectives = objectives();
    let options = CoverageOptions::default();
    let direct = CoverageOptions::default().direct_only();
    let totals = |graph: &Graph, options: &CoverageOptions| {
        graph
            .coverage_summaries(&objectives, options)
            .iter()
            .map(|s| s.total)
            .sum::<usize>()
    };

    bench(c, tiers, "build-from-json", Per::InputByte, |t| {
        Graph::from_json(black_box(&t.json)).unwrap()
    });
    bench(c, tiers, "baseline-csr-coverage", Per::Relation, |t| {
        t.csr.coverage_counts(&mut t.seen, &mut t.epoch)
    });
    bench(c, tiers, "coverage-transitive", Per::Relation, |t| {
        totals(&t.graph, &options)
    });
    bench(c, tiers, "coverage-direct", Per::Relation, |t| {
        totals(&t.graph, &direct)
    });
    bench(c, tiers, "coverage-every-target", Per::Relation, |t| {
        t.graph
            .coverage_summaries(&t.targets, &options)
            .iter()
            .map(|s| s.total)
            .sum::<usize>()
    });
    bench(c, tiers, "coverage-with-paths", Per::Relation, |t| {
        t.graph.objective_coverage(&options)
    });
    bench(c, tiers, "baseline-csr-gap-core", Per::Relation, |t| {
        t.csr.gap_core(&mut t.seen, &mut t.epoch)
    });
    bench(c, tiers, "gap-report", Per::Relation, |t| {
        t.graph.gaps(&GapPolicy::default())
    });
    bench(c, tiers, "explain-100-pairs", Per::Relation, |t| {
        t.pairs
            .iter()
            .filter_map(|(a, b)| t.graph.explain(a, b))
            .count()
    });
    bench(
        c,
        tiers,
        "covered-by-100-organisations",
        Per::Relation,
        |t| {
            (t.organisations.iter())
                .filter_map(|o| t.graph.covered_by(o, &options))
                .map(|c| c.targets.len())
                .sum::<usize>()
        },
    );
    // Exports stream into a sink: what is timed is writing the format, not the kernel
    // handing out fresh pages for a document of a gigabyte and more (which `to_turtle`
    // and the other whole-document forms also pay, and which on this machine grows
    // faster than the document).
    bench(c, tiers, "export-dot", Per::Relation, |t| {
        export::write_dot(&t.graph, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-turtle", Per::Relation, |t| {
        export::write_turtle(&t.graph, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-ntriples", Per::Relation, |t| {
        export::write_ntriples(&t.graph, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-graphml", Per::Relation, |t| {
        export::write_graphml(&t.graph, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-json", Per::Relation, |t| {
        t.graph.write_json(std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-coverage-csv", Per::Relation, |t| {
        export::write_coverage_csv(&t.graph, &t.coverages, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-gaps-csv", Per::Relation, |t| {
        export::write_gaps_csv(&t.report, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-matrix-csv", Per::Relation, |t| {
        export::write_matrix_csv(&t.matrix, std::io::sink()).unwrap()
    });
    bench(c, tiers, "export-heatmap-svg", Per::Relation, |t| {
        export::heatmap_svg(&t.matrix, "organisations × objectives")
    });
    bench(c, tiers, "export-text-report", Per::Relation, |t| {
        export::write_text_report(&t.graph, std::io::sink()).unwrap()
    });

    // An edit: one organisation and one relation laid over the tier's graph, three ways.
    bench(c, tiers, "edit-rebuild-both", Per::Relation, |t| {
        let edit = edit(&t.graph);
        GraphBuilder::new()
            .layer(t.graph.to_dataset())
            .layer(edit)
            .build()
            .unwrap()
    });
    bench(c, tiers, "edit-layered", Per::Relation, |t| {
        t.graph.layered(edit(&t.graph)).unwrap()
    });
    // Each edit in place is laid over a fresh copy of the graph, made and dropped untimed:
    // edits piling up in one graph would grow it by an organisation per iteration, which at
    // 10^3 (thousands of iterations) is a graph of another size.
    bench_with(c, tiers, "edit-in-place", Per::Relation, |b, t| {
        b.iter_batched(
            || (t.graph.clone(), edit(&t.graph)),
            |(mut graph, edit)| {
                graph.add_layer(edit).unwrap();
                graph
            },
            BatchSize::PerIteration,
        )
    });
}

/// A layer that adds the organisation `editor`, a partner in an initiative from the middle of
/// the graph's list.
fn edit(graph: &Graph) -> Dataset {
    let citation = Provenance::Context(Box::new(Citation {
        citation: "Edit log".into(),
        url: None,
    }));
    let org: OrganisationId = "editor".parse().unwrap();
    let initiatives = graph.initiatives();
    let initiative = initiatives[initiatives.len() / 2].id.clone();
    let mut edit = Dataset::default();
    edit.organisations.push(Record::new(
        org.clone(),
        OrganisationKind::NonGovernmental,
        Label::new("Editor"),
        citation.clone(),
    ));
    edit.relations.push(Relation::new(
        org.into(),
        RelationKind::PartnersIn,
        initiative.into(),
        citation,
    ));
    edit
}

/// The benchmark group: every tier, every operation.
fn benches() {
    let mut criterion = Criterion::default().configure_from_args();
    scale(&mut criterion);
}

criterion_main!(benches);
