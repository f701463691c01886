/** `--help` text for the CLI and each verb. */
export const HELP: Record<string, string> = {
  main: `Usage: egress-guard <command> [options]

Commands:
  run       Run a command with every Node process of its tree guarded, then summarise
  sandbox   Run a command in a private network namespace where only loopback exists
  report    Render a report file (table, lines, json, markdown, github, sarif), or merge several
  diff      Exit 1 when a report reaches destinations a baseline does not list
  baseline  Update egress-baseline.json from a report

Run "egress-guard <command> --help" for the options of one command.`,

  run: `Usage: egress-guard run [--mode record|block] [--allow RULE]… [--report FILE] [--stacks all] [--json] -- <command…>

Runs the command with the egress-guard preload in every Node process it starts (children,
grandchildren, worker threads), records non-Node children such as curl, and prints a summary on
stderr when it ends. Exits with the command's code; in block mode, 1 when anything was blocked
and the command itself succeeded.

Options:
  --mode record|block  record: let everything through and report it; block (default): refuse
                       every destination that is not loopback or allowed
  --allow RULE         an allow rule (host, host:port, *.suffix, IP, CIDR, URL, unix:/path); repeatable
  --report FILE        also keep the JSON report in FILE (merged from every process of the run)
  --stacks all         give every attempt its first user stack frame, not only violations
  --json               print the summary as JSON instead of a table`,

  sandbox: `Usage: egress-guard sandbox [--allow-loopback-only] -- <command…>

Runs the command in a private network namespace (unshare -n as root, unshare -rn otherwise) whose
only interface is loopback, brought up. Nothing inside can reach another host, whatever language or
native code it uses. Where a namespace cannot be made, exits with 3 and says why: the command is
never run unconfined.

Options:
  --allow-loopback-only  the policy of the sandbox (the default and, today, the only one)`,

  report: `Usage: egress-guard report FILE [--format table|lines|json|markdown|github|sarif] [--json] [-o OUT]
       egress-guard report merge A.json B.json … -o ALL.json

Renders a report file written by the preload, "egress-guard run" or the Vitest reporter, or merges
the reports of several runs (CI shards, machines, runners) into one that diff and baseline read.
Default format: a table on a terminal, plain lines otherwise. When GITHUB_STEP_SUMMARY is set, a
Markdown section is appended to it (never overwritten).

Options:
  --format F      table, lines, json, markdown (a job summary), github (workflow annotations) or
                  sarif (SARIF 2.1.0 for code scanning)
  --json          the same as --format json
  -o, --output F  write to F instead of standard output (required by merge)
  --baseline F    add the baseline diff to the Markdown summary`,

  diff: `Usage: egress-guard diff BASELINE REPORT [--project NAME] [--json]

Lists the destinations that REPORT reached without an allow rule and that BASELINE (an
egress-baseline.json, or another report) does not list. Exits 1 when there is any, 0 otherwise.

Options:
  --project NAME  compare attempts that carry no project against this baseline project (default: default)
  --json          print {"new": [...], "known": [...]} instead of lines`,

  baseline: `Usage: egress-guard baseline update [REPORT] [--baseline FILE] [--project NAME]

Rewrites the baseline so that each project in REPORT lists exactly the destinations it reached
without an allow rule; other projects keep their entries. The file stays sorted.

Options:
  REPORT           the report file (default: $EGRESS_GUARD_REPORT)
  --baseline FILE  the baseline file (default: $EGRESS_GUARD_BASELINE, else egress-baseline.json)
  --project NAME   the project of attempts that carry none (default: default)`,
}
