//! Times every operation on data of shapes the synthetic generator does not make: a
//! hierarchy N bodies deep, N initiatives behind one commitment (a star), N commitments each
//! backed by its own initiative and organisation (many small targets), a dense block of
//! √N organisations partnering in √N initiatives each, N initiatives contributing to one
//! another in a ring, N commitments behind such a ring, each backed by an initiative of it,
//! with two organisations at its far end, N commitments along a chain of N initiatives that
//! one organisation heads, N commitments behind one body with N subgroups (a wide hub),
//! N commitments each backed by an initiative that one of √N bureaux of one organisation leads,
//! and N commitments behind a ring whose first initiative a bureau of one organisation leads.
//!
//! Run with `cargo run --release --example shapes -- 100000` (default 10000). Each line is
//! one shape: load from JSON text (parse, validate, graph), then each query (what the first
//! organisation covers among them) and export once.

use std::time::Instant;

use gdc_map::{
    BodyKind, CommitmentKind, CoverageOptions, Dataset, EntityId, GapPolicy, Graph, InitiativeKind,
    Label, Objective, OrganisationKind, Provenance, Record, Relation, RelationKind, Section,
    SectionRef, Source, SourceId, export,
};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    // A ring of one initiative would contribute to itself, and a hierarchy of none has no top.
    cli::at_most(1, "cargo run --release --example shapes -- [n]")?;
    let n = cli::size_arg(1, 10_000, 2)?;
    // Whether to count every target's summary: each summary counts everything behind its
    // target, and N targets each behind (on average half) a ring or chain of N initiatives,
    // or a hub with N bodies behind it, are N² entities to count, which no shortcut can skip.
    // Whether to ask what the first organisation covers: around a ring or along a chain that
    // it leads it covers N targets through chains of (on average) N/2 relations, again N² by
    // nature. (Behind the ring led by a bureau, the first organisation is the whole, which
    // leads nothing itself.)
    let shapes: [(&str, MakeShape, bool, bool); 10] = [
        ("deep hierarchy", deep, true, true),
        ("star", star, true, true),
        ("many small targets", small_targets, true, true),
        ("dense block", dense, true, true),
        ("ring", ring, true, true),
        ("targets behind a ring", targets_behind_ring, false, false),
        ("targets along a chain", targets_along_a_chain, false, false),
        ("targets behind a hub", targets_behind_a_hub, false, true),
        ("bureaux of one organisation", bureaux, true, true),
        ("a bureau behind a ring", bureau_behind_ring, false, true),
    ];
    for (name, make, summaries, covered_by) in shapes {
        let json = make(n)?.to_json();
        print!("{name:<28}");
        let graph = time("load", || Graph::from_json(&json))?;
        print!(
            "({} entities, {} relations) ",
            graph.entity_count(),
            graph.relations().len()
        );
        let report = time("gaps", || graph.gaps(&GapPolicy::default()));
        print!("[{} findings] ", report.findings.len());
        let options = CoverageOptions::default();
        time("coverage", || graph.objective_coverage(&options));
        let targets = graph.targets();
        if summaries {
            time("summaries", || graph.coverage_summaries(&targets, &options));
        } else {
            print!("summaries (N² by nature, skipped)  ");
        }
        let first_organisation =
            (graph.organisations().first()).map(|o| EntityId::Organisation(o.id.clone()));
        match first_organisation {
            Some(o) if covered_by => {
                let covered = time("covered-by", || graph.covered_by(&o, &options));
                match covered.map_or(0, |c| c.targets.len()) {
                    1 => print!("[1 target] "),
                    k => print!("[{k} targets] "),
                }
            }
            Some(_) => print!("covered-by (N² by nature, skipped)  "),
            None => print!("covered-by (no organisation)  "),
        }
        let ids: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
        if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
            time("explain", || graph.explain(last, first));
        }
        time("dot", || export::to_dot(&graph));
        time("turtle", || export::to_turtle(&graph));
        time("graphml", || export::to_graphml(&graph));
        time("report", || export::text_report(&graph));
        println!();
    }
    Ok(())
}

/// Runs `f` once and prints how long it took.
fn time<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let result = f();
    print!("{what} {:.3}s  ", start.elapsed().as_secs_f64());
    result
}

type Built = Result<Dataset, Box<dyn std::error::Error>>;

/// Makes the dataset of one shape at size `n`.
type MakeShape = fn(usize) -> Built;

/// One source, one section, nothing else.
fn skeleton() -> Built {
    let source = SourceId::new("shape")?;
    let mut d = Dataset::default();
    d.sources.push(Source {
        id: source.clone(),
        title: "Data of one shape".into(),
        version: "1".into(),
        language: None,
        notes: vec![],
    });
    d.sections.push(Section {
        id: SectionRef::new("s1")?,
        source,
        title: "Section 1".into(),
        notes: vec![],
    });
    Ok(d)
}

fn stated() -> Result<Provenance, Box<dyn std::error::Error>> {
    Ok(Provenance::Stated(SectionRef::new("s1")?))
}

fn relate(
    d: &mut Dataset,
    from: &str,
    kind: RelationKind,
    to: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    d.relations
        .push(Relation::new(from.parse()?, kind, to.parse()?, stated()?));
    Ok(())
}

/// A record with one stated piece of evidence.
fn record<Id, Kind>(
    id: String,
    kind: Kind,
    label: String,
) -> Result<Record<Id, Kind>, Box<dyn std::error::Error>>
where
    Id: std::str::FromStr,
    Id::Err: std::error::Error + 'static,
{
    Ok(Record::new(id.parse()?, kind, Label::new(label), stated()?))
}

fn organisation(d: &mut Dataset, i: usize) -> Result<(), Box<dyn std::error::Error>> {
    let kind = OrganisationKind::SpecialisedAgency;
    d.organisations
        .push(record(format!("o{i}"), kind, format!("Organisation {i}"))?);
    Ok(())
}

fn initiative(d: &mut Dataset, i: usize) -> Result<(), Box<dyn std::error::Error>> {
    let kind = InitiativeKind::Programme;
    d.initiatives
        .push(record(format!("i{i}"), kind, format!("Initiative {i}"))?);
    Ok(())
}

fn commitment(d: &mut Dataset, i: usize) -> Result<(), Box<dyn std::error::Error>> {
    let kind = CommitmentKind::Commitment;
    d.commitments
        .push(record(format!("c{i}"), kind, format!("Commitment {i}"))?);
    Ok(())
}

/// `b0` supports objective 1; each other body is a subgroup of the one before; `o0` leads the
/// deepest.
fn deep(n: usize) -> Built {
    let mut d = skeleton()?;
    for i in 0..n {
        let kind = BodyKind::WorkingGroup;
        d.bodies
            .push(record(format!("b{i}"), kind, format!("Body {i}"))?);
    }
    relate(
        &mut d,
        "body:b0",
        RelationKind::Supports,
        &EntityId::from(Objective::DigitalDivides).to_string(),
    )?;
    for i in 1..n {
        relate(
            &mut d,
            &format!("body:b{i}"),
            RelationKind::SubgroupOf,
            &format!("body:b{}", i - 1),
        )?;
    }
    organisation(&mut d, 0)?;
    relate(
        &mut d,
        "org:o0",
        RelationKind::Leads,
        &format!("body:b{}", n.saturating_sub(1)),
    )?;
    Ok(d)
}

/// `n` initiatives support one commitment, all led by one organisation.
fn star(n: usize) -> Built {
    let mut d = skeleton()?;
    organisation(&mut d, 0)?;
    commitment(&mut d, 0)?;
    for i in 0..n {
        initiative(&mut d, i)?;
        relate(
            &mut d,
            &format!("initiative:i{i}"),
            RelationKind::Supports,
            "commitment:c0",
        )?;
        relate(
            &mut d,
            "org:o0",
            RelationKind::Leads,
            &format!("initiative:i{i}"),
        )?;
    }
    Ok(d)
}

/// Commitment `c{i}` and initiative `i{i}`, which supports it.
fn initiative_backing_a_commitment(
    d: &mut Dataset,
    i: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    commitment(d, i)?;
    initiative(d, i)?;
    relate(
        d,
        &format!("initiative:i{i}"),
        RelationKind::Supports,
        &format!("commitment:c{i}"),
    )
}

/// `n` commitments, each supported by its own initiative, led by its own organisation.
fn small_targets(n: usize) -> Built {
    let mut d = skeleton()?;
    for i in 0..n {
        initiative_backing_a_commitment(&mut d, i)?;
        organisation(&mut d, i)?;
        relate(
            &mut d,
            &format!("org:o{i}"),
            RelationKind::Leads,
            &format!("initiative:i{i}"),
        )?;
    }
    Ok(d)
}

/// √n organisations, each a partner in each of √n initiatives (n relations), the initiatives
/// spread over the five objectives.
fn dense(n: usize) -> Built {
    let k = n.isqrt().max(1);
    let mut d = skeleton()?;
    for i in 0..k {
        organisation(&mut d, i)?;
        initiative(&mut d, i)?;
        let objective = Objective::from_number((i % 5 + 1) as u8).ok_or("no such objective")?;
        relate(
            &mut d,
            &format!("initiative:i{i}"),
            RelationKind::Supports,
            &EntityId::from(objective).to_string(),
        )?;
        for j in 0..k {
            relate(
                &mut d,
                &format!("org:o{j}"),
                RelationKind::PartnersIn,
                &format!("initiative:i{i}"),
            )?;
        }
    }
    Ok(d)
}

/// Adds `n` initiatives, each contributing to the next and the last to the first.
fn initiatives_in_a_ring(d: &mut Dataset, n: usize) -> Result<(), Box<dyn std::error::Error>> {
    for i in 0..n {
        initiative(d, i)?;
        relate(
            d,
            &format!("initiative:i{i}"),
            RelationKind::ContributesTo,
            &format!("initiative:i{}", (i + 1) % n),
        )?;
    }
    Ok(())
}

/// The ring of [`ring`], without the objective: instead each initiative supports a
/// commitment of its own. Every commitment has the whole ring behind it.
fn ring_backing_commitments(n: usize) -> Built {
    let mut d = skeleton()?;
    initiatives_in_a_ring(&mut d, n)?;
    for i in 0..n {
        commitment(&mut d, i)?;
        relate(
            &mut d,
            &format!("initiative:i{i}"),
            RelationKind::Supports,
            &format!("commitment:c{i}"),
        )?;
    }
    Ok(d)
}

/// [`ring_backing_commitments`], two organisations leading the first initiative: every
/// commitment has its organisations only at the far end of the ring.
fn targets_behind_ring(n: usize) -> Built {
    let mut d = ring_backing_commitments(n)?;
    for (i, kind) in [RelationKind::Leads, RelationKind::PartnersIn]
        .into_iter()
        .enumerate()
    {
        organisation(&mut d, i)?;
        relate(&mut d, &format!("org:o{i}"), kind, "initiative:i0")?;
    }
    Ok(d)
}

/// [`ring_backing_commitments`], a bureau of one organisation leading the first initiative:
/// every commitment hangs on the bureau and on the organisation, which only the whole ring
/// behind each commitment shows.
fn bureau_behind_ring(n: usize) -> Built {
    let mut d = ring_backing_commitments(n)?;
    organisation(&mut d, 0)?;
    organisation(&mut d, 1)?;
    relate(&mut d, "org:o1", RelationKind::PartOf, "org:o0")?;
    relate(&mut d, "org:o1", RelationKind::Leads, "initiative:i0")?;
    Ok(d)
}

/// `n` initiatives each contributing to the next, each supporting a commitment of its own,
/// and one organisation leading the first: it is the single point of failure of every
/// commitment, and the chain to the last is `n` relations long.
fn targets_along_a_chain(n: usize) -> Built {
    let mut d = skeleton()?;
    organisation(&mut d, 0)?;
    relate(&mut d, "org:o0", RelationKind::Leads, "initiative:i0")?;
    for i in 0..n {
        initiative_backing_a_commitment(&mut d, i)?;
        if i + 1 < n {
            relate(
                &mut d,
                &format!("initiative:i{i}"),
                RelationKind::ContributesTo,
                &format!("initiative:i{}", i + 1),
            )?;
        }
    }
    Ok(d)
}

/// `n` commitments supported by one body, the hub, with `n` subgroups; one initiative
/// contributes to the first subgroup, led by one organisation. Every commitment is thin, with
/// one initiative three relations behind it, and the whole hub between.
fn targets_behind_a_hub(n: usize) -> Built {
    let mut d = skeleton()?;
    organisation(&mut d, 0)?;
    initiative(&mut d, 0)?;
    let kind = BodyKind::WorkingGroup;
    d.bodies.push(record("hub".into(), kind, "Hub".into())?);
    relate(&mut d, "org:o0", RelationKind::Leads, "initiative:i0")?;
    relate(
        &mut d,
        "initiative:i0",
        RelationKind::ContributesTo,
        "body:b0",
    )?;
    for i in 0..n {
        commitment(&mut d, i)?;
        d.bodies
            .push(record(format!("b{i}"), kind, format!("Body {i}"))?);
        relate(
            &mut d,
            "body:hub",
            RelationKind::Supports,
            &format!("commitment:c{i}"),
        )?;
        relate(
            &mut d,
            &format!("body:b{i}"),
            RelationKind::SubgroupOf,
            "body:hub",
        )?;
    }
    Ok(d)
}

/// `n` commitments, each supported by an initiative of its own that one of √n bureaux leads,
/// every bureau part of `o0`: each commitment hangs on its bureau and on `o0`, which stands
/// behind every commitment only through its bureaux.
fn bureaux(n: usize) -> Built {
    let k = n.isqrt().max(1);
    let mut d = skeleton()?;
    for b in 0..=k {
        organisation(&mut d, b)?;
    }
    for b in 1..=k {
        relate(&mut d, &format!("org:o{b}"), RelationKind::PartOf, "org:o0")?;
    }
    for i in 0..n {
        initiative_backing_a_commitment(&mut d, i)?;
        relate(
            &mut d,
            &format!("org:o{}", 1 + i % k),
            RelationKind::Leads,
            &format!("initiative:i{i}"),
        )?;
    }
    Ok(d)
}

/// `n` initiatives each contributing to the next, the last to the first: support runs in a
/// circle, entered once from objective 1.
fn ring(n: usize) -> Built {
    let mut d = skeleton()?;
    initiatives_in_a_ring(&mut d, n)?;
    relate(
        &mut d,
        "initiative:i0",
        RelationKind::Supports,
        &EntityId::from(Objective::DigitalDivides).to_string(),
    )?;
    Ok(d)
}
