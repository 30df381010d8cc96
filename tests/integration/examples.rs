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
