//! The example programs run and print what they promise.

use std::process::Command;

fn run_example(name: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", name, "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
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
fn shapes_runs_every_operation_on_every_shape() {
    let out = run_example("shapes", &["300"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    for (line, shape) in lines.iter().zip([
        "deep hierarchy",
        "star",
        "many small targets",
        "dense block",
        "ring",
    ]) {
        assert!(line.starts_with(shape), "{line}");
        for op in [
            "load", "gaps", "coverage", "explain", "dot", "turtle", "report",
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
}
