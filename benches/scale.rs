//! Benchmarks at growing tiers of synthetic data, with hand-written CSR baselines for coverage
//! and for the core of the gap report, measured in the same run and checked to agree.
//!
//! `cargo bench` runs the tiers 10^3, 10^4 and 10^5 initiatives; set `GDC_BENCH_TIERS=3,4,5,6`
//! for the 10^6 tier too (it needs about 6 GB of memory and about 25 minutes). Each operation
//! is one group, its tiers measured one after the other: `build-from-json/100000`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "benchmark set-up fails loudly"
)]

use std::collections::{HashMap, VecDeque};
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_main};
use gdc_map::{
    CoverageOptions, EntityId, EntityKind, FindingKind, GapPolicy, Graph, GraphBuilder, Objective,
    RelationKind, SyntheticSpec, export,
};

fn tiers() -> Vec<usize> {
    std::env::var("GDC_BENCH_TIERS")
        .unwrap_or_else(|_| "3,4,5".into())
        .split(',')
        .filter_map(|t| t.trim().parse::<u32>().ok())
        .map(|k| 10usize.pow(k))
        .collect()
}

/// The baseline: the carrier relations as a flat incoming-edge list (CSR) over dense node
/// numbers, and a breadth-first count per objective. It computes the same counts as
/// `coverage_summary` with the default options and nothing else.
struct Csr {
    offsets: Vec<u32>,
    sources: Vec<u32>,
    objectives: Vec<u32>,
    /// Every target, and each node's kind, for the gap baseline.
    targets: Vec<u32>,
    kinds: Vec<EntityKind>,
}

impl Csr {
    fn new(graph: &Graph) -> Csr {
        let number: HashMap<EntityId, u32> = graph
            .entities()
            .enumerate()
            .map(|(i, e)| (e.id(), i as u32))
            .collect();
        let n = number.len();
        let carriers = CoverageOptions::DEFAULT_CARRIERS;
        let edges: Vec<(u32, u32)> = graph
            .relations()
            .iter()
            .filter(|r| carriers.contains(&r.kind))
            .filter(|r| {
                !(matches!(
                    r.kind,
                    RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
                ) && r.to.kind() == EntityKind::Organisation)
            })
            .map(|r| (number[&r.to], number[&r.from]))
            .collect();
        let mut offsets = vec![0u32; n + 1];
        for &(to, _) in &edges {
            offsets[to as usize + 1] += 1;
        }
        for i in 1..=n {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut sources = vec![0u32; edges.len()];
        for &(to, from) in &edges {
            sources[fill[to as usize] as usize] = from;
            fill[to as usize] += 1;
        }
        let objectives = Objective::ALL
            .iter()
            .map(|&o| number[&EntityId::from(o)])
            .collect();
        let targets = graph.targets().iter().map(|t| number[t]).collect();
        let mut kinds = vec![EntityKind::Objective; n];
        for (id, &i) in &number {
            kinds[i as usize] = id.kind();
        }
        Csr {
            offsets,
            sources,
            objectives,
            targets,
            kinds,
        }
    }

    /// The core of the gap report, the way one would write it by hand over this list: for
    /// every target, a depth-first walk that stops once two initiatives and two organisations
    /// are behind it (enough to settle the thin and single-organisation checks), and one
    /// breadth-first walk from every target at once for the orphans. (The report also finds
    /// context-only targets, idle organisations and leaderless bodies, gathers evidence and
    /// writes an explanation for each finding; this does none of that.)
    fn gap_core(&self, seen: &mut [u32], epoch: &mut u32) -> GapCore {
        let mut core = GapCore::default();
        let arcs = |node: u32| self.offsets[node as usize]..self.offsets[node as usize + 1];
        let mut stack: Vec<std::ops::Range<u32>> = Vec::new();
        for &start in &self.targets {
            *epoch += 1;
            seen[start as usize] = *epoch;
            stack.clear();
            stack.push(arcs(start));
            let initiatives_needed = match self.kinds[start as usize] {
                EntityKind::Objective | EntityKind::Commitment => 2,
                _ => 0,
            };
            let (mut total, mut initiatives, mut organisations) = (0, 0, 0);
            while let Some(top) = stack.last_mut() {
                let Some(at) = top.next() else {
                    stack.pop();
                    continue;
                };
                let from = self.sources[at as usize];
                if seen[from as usize] == *epoch {
                    continue;
                }
                seen[from as usize] = *epoch;
                total += 1;
                match self.kinds[from as usize] {
                    EntityKind::Initiative => initiatives += 1,
                    EntityKind::Organisation => organisations += 1,
                    _ => {}
                }
                if initiatives >= initiatives_needed && organisations >= 2 {
                    break;
                }
                stack.push(arcs(from));
            }
            if total == 0 {
                core.uncovered += 1;
                continue;
            }
            core.thin += usize::from(initiatives < initiatives_needed);
            core.no_organisation += usize::from(organisations == 0);
            core.single_organisation += usize::from(organisations == 1);
        }
        *epoch += 1;
        let mut queue = VecDeque::new();
        for &start in &self.targets {
            seen[start as usize] = *epoch;
            queue.push_back(start);
        }
        while let Some(node) = queue.pop_front() {
            let range = arcs(node);
            for &from in &self.sources[range.start as usize..range.end as usize] {
                if seen[from as usize] != *epoch {
                    seen[from as usize] = *epoch;
                    queue.push_back(from);
                }
            }
        }
        core.orphans = (0..self.kinds.len())
            .filter(|&n| self.kinds[n] == EntityKind::Initiative && seen[n] != *epoch)
            .count();
        core
    }

    fn coverage_counts(&self, seen: &mut [u32], epoch: &mut u32) -> Vec<usize> {
        let mut queue = VecDeque::new();
        self.objectives
            .iter()
            .map(|&start| {
                *epoch += 1;
                seen[start as usize] = *epoch;
                queue.clear();
                queue.push_back(start);
                let mut count = 0;
                while let Some(node) = queue.pop_front() {
                    let (a, b) = (self.offsets[node as usize], self.offsets[node as usize + 1]);
                    for &from in &self.sources[a as usize..b as usize] {
                        if seen[from as usize] != *epoch {
                            seen[from as usize] = *epoch;
                            count += 1;
                            queue.push_back(from);
                        }
                    }
                }
                count
            })
            .collect()
    }
}

/// What the gap baseline counts: targets nothing covers, objectives and commitments covered
/// by fewer than two initiatives, covered targets with no organisation or exactly one
/// behind them, and initiatives that cover no target.
#[derive(Debug, Default, PartialEq)]
struct GapCore {
    uncovered: usize,
    thin: usize,
    no_organisation: usize,
    single_organisation: usize,
    orphans: usize,
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
    /// The pairs `explain` is timed on.
    pairs: Vec<(EntityId, EntityId)>,
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

        let ids: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
        let pairs = (0..100u64)
            .map(|i| {
                let a = (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 7) as usize % ids.len();
                let b = (i.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 7) as usize % ids.len();
                (ids[a].clone(), ids[b].clone())
            })
            .collect();
        Tier {
            n,
            json,
            graph,
            csr,
            seen,
            epoch,
            pairs,
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
        group.bench_function(BenchmarkId::from_parameter(tier.n), |b| {
            b.iter(|| routine(tier))
        });
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
}

/// The benchmark group: every tier, every operation.
fn benches() {
    let mut criterion = Criterion::default().configure_from_args();
    scale(&mut criterion);
}

criterion_main!(benches);
