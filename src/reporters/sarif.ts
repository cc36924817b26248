// SARIF 2.1.0 for GitHub code scanning. Only redacted values appear; the content fingerprint goes in
// `partialFingerprints` under our own key (GitHub computes `primaryLocationLineHash` itself when the
// upload-sarif action is used).
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, Rule } from '../core/types.ts';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.ts';
import type { ReportContext, Reporter } from './reporter.ts';
import { sarifLevel, sarifPrecision, securitySeverity } from './severity.ts';

export const FINGERPRINT_KEY = 'keywarden/content/v1';

/** SARIF `name`: the id in PascalCase; it must differ from the id even ignoring case (SARIF1001). */
function pascal(id: string): string {
  const name = id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? `${name}Secret` : name;
}

function defaultHelp(rule: Rule): { text: string; markdown: string } {
  const text = `${rule.description}\n\nRevoke the credential at the provider first, then replace it where it is used, then remove it from the code. Run \`keywarden playbook ${rule.id}\` for the exact steps.`;
  return { text, markdown: text };
}

export function sarifRule(rule: Rule, ctx: ReportContext): ReportingDescriptor {
  const help = ctx.helpFor?.(rule.id) ?? defaultHelp(rule);
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.name.slice(0, 1024) },
    fullDescription: { text: rule.description.slice(0, 1024) },
    help: { text: help.text, markdown: help.markdown },
    helpUri: rule.spec.references?.[0],
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ['security', 'secret', ...(rule.spec.tags ?? [])].slice(0, 20),
      precision: sarifPrecision(rule.confidence),
      'security-severity': securitySeverity(rule.severity),
      playbook: rule.playbook,
    },
  };
}

export function sarifResult(f: Finding, ruleIndex: number): Result {
  const history = f.commit
    ? { commit: f.commit.sha, authorDate: f.commit.date, author: f.commit.author, firstIntroducedPath: f.occurrences?.[0]?.path ?? f.path }
    : {};
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: `${f.ruleName} found: ${f.redacted}. Revoke and rotate it; the value is exposed to anyone who can read this code.` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, snippet: { text: f.redacted } },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      fingerprint: f.fingerprint,
      severity: f.severity,
      confidence: f.confidence,
      entropy: f.entropy,
      playbook: f.playbook,
      ...history,
      ...(f.inHead !== undefined ? { inHead: f.inHead } : {}),
      ...(f.occurrences ? { occurrences: f.occurrences.length } : {}),
      ...(f.decodedFrom ? { decodedFrom: f.decodedFrom } : {}),
    },
  };
}

export const sarifReporter = ((result, ctx) => {
  const used = [...new Set(result.findings.map((f) => f.ruleId))];
  // All active rules are listed so that code scanning can close alerts of rules with no result now.
  const rules = [...result.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const id of used) if (!index.has(id)) throw new Error(`finding for unknown rule ${id}`);
  const run: Run = {
    tool: { driver: { name: TOOL_NAME, semanticVersion: VERSION, version: VERSION, informationUri: INFORMATION_URI, rules: rules.map((r) => sarifRule(r, ctx)) } },
    results: result.findings.map((f) => sarifResult(f, index.get(f.ruleId) ?? 0)),
    columnKind: 'utf16CodeUnits',
  };
  if (ctx.category) run.automationDetails = { id: `${ctx.category.replace(/\/+$/, '')}/` };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}) satisfies Reporter;
