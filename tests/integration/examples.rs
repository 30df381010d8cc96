//! The example programs run and print what they promise.

use std::process::{Command, Output};

/// What example `name` printed and how it ended, run with `args`.
fn example_output<S: AsRef<std::ffi::OsStr>>(name: &str, args: &[S]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", name, "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

/// What example `name` printed, run with `args`; it must succeed.
fn run_example(name: &str, args: &[&str]) -> String {
    let out = example_output(name, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn report_prints_every_objective_with_citations() {
    let out = run_example("report", &[]);
    for o in gdc_map::Objective::ALL {
        assert!(out.contains(&format!("{o:#}")), "missing {o}");
    }
    assert!(out.contains(gdc_map::DATASET_CONTENT_HASH));
    for line in [
        "Giga",
        "UNICEF",
        "§1/obj1",
        "IAWG-AI",
        "co-chairs: ITU, ODET",
        "2024-10-21",
        "What each section of the source is cited for",
    ] {
        assert!(out.contains(line), "missing {line}");
    }
    assert_eq!(
        out,
        run_example("report", &[]),
        "the report is deterministic"
    );
}

#[test]
fn gaps_lists_findings_with_evidence() {
    let out = run_example("gaps", &[]);
    for line in [
        "single-point-of-failure",
        "runs through ITU",
        "no-lead",
        "WGDT subgroup on GDC objective 2 (digital economy) has no stated lead or chair",
        "[§2.1]",
    ] {
        assert!(out.contains(line), "missing {line}");
    }
}

#[test]
fn source_lists_what_each_section_states() {
    let all = run_example("source", &[]);
    for s in gdc_map::Graph::embedded().sections() {
        assert!(
            all.contains(&format!("\n§{}  {}\n", s.id, s.title)),
            "missing §{}",
            s.id
        );
    }
    assert!(!all.contains("nothing cites"), "every section is cited");
    let one = run_example("source", &["2.2"]);
    for line in [
        "§2.2  Other working groups",
        "    org:itu co-leads action:27(c)\n",
        "    org:unoda co-leads action:27(c)\n",
        "      (as an action contributor, within its mandate",
    ] {
        assert!(one.contains(line), "missing {line:?}");
    }
    assert!(!one.contains("§2.1 "), "only the section asked for");
    // As every output writes a section.
    assert_eq!(run_example("source", &["§2.2"]), one);
}

/// An example given more arguments than it takes says so, rather than printing what it
/// always prints as if it had done what the argument asked; so does `load_your_own` of an
/// option it lacks.
#[test]
fn examples_refuse_arguments_they_do_not_take() {
    for (name, args) in [
        ("report", &["--json"][..]),
        ("gaps", &["objective:1"][..]),
        ("shapes", &["300", "--release"][..]),
        (
            "load_your_own",
            &["src/embedded/itu_gdc_2025.json", "--quiet"][..],
        ),
    ] {
        let out = example_output(name, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name} {args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{name} {args:?} printed output");
        let named = args.last().copied().unwrap_or_default();
        assert!(stderr.contains(&format!("`{named}`")), "{name}: {stderr}");
    }
}

#[test]
fn about_gives_an_entity_its_relations_and_its_coverage_both_ways() {
    let out = run_example("about", &["org:ohchr", "objective:3"]);
    for line in [
        "\norg:ohchr  Office of the United Nations High Commissioner for Human Rights",
        "\n    org:itu partners-with org:ohchr  [§1/obj3]\n",
        "\n  covers (1)\n    org:ohchr partners-in initiative:ohchr-cooperation supports objective:3  [§1/obj3]\n",
        "\nobjective:3  Foster an inclusive",
        "\n  covered by (9)\n",
        "\n  sections that speak of it: §1/obj3 §2.4\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    // A context citation's address follows it, for a reader who wants to check it.
    let odet = run_example("about", &["ODET"]);
    assert!(
        odet.contains("]\n    at https://dig.watch/updates/un-office-for-digital-and-emerging-technologies-established-as-a-follow-up-to-the-global-digital-compact\n"),
        "{odet}"
    );
    // By name, in either language.
    for name in ["OHCHR", "联合国教科文组织"] {
        assert!(
            run_example("about", &[name]).contains("\n  covers ("),
            "{name}"
        );
    }
    // Without an id, every entity is listed, to pick from.
    let index = run_example("about", &[]);
    assert_eq!(
        index.lines().count(),
        1 + gdc_map::Graph::embedded().entity_count()
    );
}

#[test]
fn shapes_runs_every_operation_on_every_shape() {
    let out = run_example("shapes", &["300"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10, "{out}");
    for (line, shape) in lines.iter().zip([
        "deep hierarchy",
        "star",
        "many small targets",
        "dense block",
        "ring",
        "targets behind a ring",
        "targets along a chain",
        "targets behind a hub",
        "bureaux of one organisation",
        "a bureau behind a ring",
    ]) {
        assert!(line.starts_with(shape), "{line}");
        for op in [
            "load",
            "gaps",
            "coverage",
            "covered-by",
            "explain",
            "dot",
            "turtle",
            "report",
        ] {
            assert!(
                line.contains(&format!("{op} ")),
                "{shape}: no {op} in {line}"
            );
        }
    }
    // 300 bodies, one organisation and the 46 built-in vocabulary entities; 299
    // subgroup-of relations, one supports and one leads.
    assert!(
        lines[0].contains("(347 entities, 301 relations)"),
        "{}",
        lines[0]
    );
    // 300 initiatives and commitments, two organisations, the 46 built-ins; a contribution
    // and a support per initiative, a lead and a partnership. No commitment is thin or
    // uncovered, none lacks an organisation, and no organisation is the only one behind any:
    // the five findings are the objectives nothing supports.
    assert!(
        lines[5].contains("(648 entities, 602 relations)") && lines[5].contains("[5 findings]"),
        "{}",
        lines[5]
    );
    // 300 initiatives and commitments, one organisation, the 46 built-ins; a support per
    // initiative, 299 contributions and a lead. The organisation is the single point of
    // every commitment, the first commitment is thin (one initiative behind it, the rest
    // have more), and five objectives have nothing behind them.
    assert!(
        lines[6].contains("(647 entities, 600 relations)") && lines[6].contains("[7 findings]"),
        "{}",
        lines[6]
    );
    // 300 initiatives and commitments, 17 bureaux of one organisation, the 46 built-ins; a
    // support and a lead per initiative, a part-of per bureau. Each commitment is thin, and
    // hangs on its bureau and on the organisation the bureau is part of: 300 thin findings,
    // 18 single points, and the five objectives nothing supports.
    assert!(
        lines[8].contains("(664 entities, 617 relations)") && lines[8].contains("[323 findings]"),
        "{}",
        lines[8]
    );
    // The ring of 300 backing a commitment each, its first initiative led by a bureau of
    // one organisation: 2 organisations, a part-of and a lead. Every commitment hangs on the
    // bureau and on the organisation, and five objectives have nothing behind them.
    assert!(
        lines[9].contains("(648 entities, 602 relations)") && lines[9].contains("[7 findings]"),
        "{}",
        lines[9]
    );
    // 300 commitments, the hub and its 300 subgroups, one initiative and one organisation,
    // the 46 built-ins; a support and a subgroup-of per commitment, a lead and a
    // contribution. Every commitment is thin, the organisation holds them all up, the 301
    // working groups have no lead, and five objectives have nothing behind them. The
    // organisation covers all 300 commitments.
    assert!(
        lines[7].contains("(649 entities, 602 relations)")
            && lines[7].contains("[607 findings]")
            && lines[7].contains("[300 targets]"),
        "{}",
        lines[7]
    );
}

#[test]
fn load_your_own_lays_edits_in_place_and_refuses_a_bad_one_whole() {
    let dir = std::env::temp_dir().join(format!("gdc-map-edits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let base = write("base.json", r#"{"schema_version": 1}"#);
    let good = write(
        "good.json",
        r#"{"schema_version": 1,
 "organisations": [{"id": "acme", "kind": "non-governmental", "label": {"en": "ACME"},
   "provenance": [{"context": {"citation": "ACME annual report 2025"}}]}],
 "relations": [{"from": "org:acme", "kind": "partners-in", "to": "initiative:giga",
   "provenance": [{"context": {"citation": "ACME annual report 2025"}}]}]}"#,
    );
    let bad = write(
        "bad.json",
        r#"{"schema_version": 1, "relations": [{"from": "org:nobody", "kind": "partners-in",
 "to": "initiative:giga", "provenance": [{"context": {"citation": "?"}}]}]}"#,
    );
    let out = example_output("load_your_own", &[&base, &bad, &good]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!out.status.success(), "a refused edit fails the run");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let embedded = gdc_map::Graph::embedded();
    let (entities, relations) = (embedded.entity_count(), embedded.relations().len());
    assert!(
        stdout.contains(&format!("{entities} entities, {relations} relations")),
        "{stdout}"
    );
    // The bad edit is refused and changes nothing; the good one after it is laid.
    assert!(stderr.contains("org:nobody"), "{stderr}");
    assert!(!stdout.contains("bad.json"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "good.json: {} entities, {} relations",
            entities + 1,
            relations + 1
        )),
        "{stdout}"
    );
}

#[test]
fn load_your_own_names_every_record_it_cannot_read() {
    let path = std::env::temp_dir().join(format!("gdc-map-shapes-{}.json", std::process::id()));
    std::fs::write(
        &path,
        "{\"schema_version\": 1,\n \"relations\": [\n  {\"from\": \"org:itu\", \"kind\": \"funds\",\
         \"to\": \"objective:1\", \"provenance\": [{\"stated\": \"1\"}]},\n  7\n ],\n\
         \"organisations\": [{\"id\": \"x\"}]}\n",
    )
    .unwrap();
    let out = example_output("load_your_own", &[&path]);
    std::fs::remove_file(&path).unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(": 3 problems:\n"), "{stderr}");
    for at in [
        "`relations[0].kind` (line 3,",
        "`relations[1]` (line 4, column 3)",
        "`organisations[0]` (line 6,",
    ] {
        assert!(stderr.contains(at), "missing {at}: {stderr}");
    }
}
