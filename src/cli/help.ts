// Help texts, kept together so that they read as one manual.

export const MAIN_HELP = `keywarden — find leaked credentials, block the merge, and say how to rotate them.

Usage: keywarden <command> [options]

Commands:
  scan [PATH...]        scan files and directories (default: .)
  scan --staged         scan what is about to be committed (pre-commit hook)
  scan --diff A..B      scan lines added between two commits (pull request)
  scan --history        scan every blob in the repository's history, once each
  rules                 list the rules (id, name, severity, playbook)
  rules test FILE       run the examples of a custom rule file or .keywarden.yml
  ignore <fp> --reason  stop reporting a finding (appends to .keywardenignore)
  baseline [PATH]       record current findings so that scan --baseline reports only new ones
  init                  write .keywarden.yml, a GitHub workflow and a pre-commit hook entry
  playbook <id>         print the rotate-and-revoke steps for a rule or secret type
  merge FILE...         merge the JSON reports of a sharded history scan (--shard I/N) into one
  org-plan --org ORG    plan an organisation scan: its repositories as matrix batches (org-scan.yml)
  version               print the version

Run 'keywarden <command> --help' for a command's options.
Exit codes: 0 nothing found, 1 secrets found, 2 usage error, runtime error or incomplete scan.
`;

export const SCAN_HELP = `Usage: keywarden scan [PATH...] [options]

Sources (default: the given files and directories, honouring .gitignore):
      --staged              lines added in the git index (pre-commit)
      --diff BASE..HEAD     lines added between two commits (also --base X --head Y)
      --history             every blob reachable from every ref (--branch B, --since DATE to narrow)
      --shard I/N           with --history: only shard I of N of the blobs (merge the JSON reports with keywarden merge)
  -                         standard input, reported as --stdin-name NAME (default: stdin)

Output:
  -f, --format FORMAT       text (default), json, sarif or html (one self-contained page)
  -o, --output FILE         write the report to FILE instead of stdout
      --playbook FILE       also write the incident playbook (markdown) for the findings
  -q, --quiet               print findings only
  -v, --verbose             print skipped files and debug information on stderr
      --no-color            no ANSI colours (also NO_COLOR=1; FORCE_COLOR=1 colours a pipe)

Scope and thresholds:
      --no-ignore           scan files that .gitignore excludes
      --max-file-size SIZE  skip larger files (default 10MB)
  -c, --config FILE         configuration file (default: .keywarden.yml at the root)
      --baseline FILE       report only findings not in this baseline
      --report-unused-ignores  warn about .keywardenignore entries that matched nothing
      --no-inline-allow     report secrets on lines marked keywarden:allow too
      --fail-on SEVERITY    exit 1 only for findings at or above: critical, high, medium, low (default), none
      --min-severity S      do not report findings below S
      --min-confidence C    do not report findings below C (high, medium, low)
      --enable-rule ID      turn on a rule that is off by default (repeatable)
      --disable-rule ID     turn a rule off (repeatable)
      --threads N           detection threads (default: cores)
      --on-error MODE       a file that cannot be read: fail (default, exit 2) or warn

Diagnosis:
      --explain FILE[:LINE] list every candidate the rules saw in FILE (or on LINE) and the stage that
                            reported or dropped it (entropy, placeholder, allowlist, validator, ignore,
                            baseline…), with --format text or json; exit 0, or 2 for a missing file or line
`;
