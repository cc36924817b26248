// SARIF 2.1.0 for GitHub code scanning: one result per occurrence of each secret. Only redacted values
// appear; the secret's fingerprint goes in `partialFingerprints` under our own key (GitHub computes
// `primaryLocationLineHash` itself when the
// upload-sarif action is used).
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Rule, Secret } from '../core/types.ts';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.ts';
import type { ReportContext, Reporter } from './reporter.ts';
import { sarifLevel, sarifPrecision, securitySeverity } from './severity.ts';

/** Our key in `partialFingerprints`: the secret's fingerprint (GitHub matches alerts by its own line hash). */
export const FINGERPRINT_KEY = 'keywarden/secret/v2';

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

/** One result per occurrence (code scanning shows one alert per place), each with the secret's fingerprint. */
export function sarifResults(secret: Secret, ruleIndex: number): Result[] {
  const first = secret.occurrences[0];
  return secret.occurrences.map((o) => ({
    ruleId: secret.ruleId,
    ruleIndex,
    level: sarifLevel(secret.severity),
    message: { text: `${secret.ruleName} found: ${secret.redacted}. Revoke and rotate it; the value is exposed to anyone who can read this code.` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(o.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: o.line, startColumn: o.column, endLine: o.endLine, endColumn: o.endColumn, snippet: { text: secret.redacted } },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: secret.fingerprint, ...(o.lineHash ? { primaryLocationLineHash: o.lineHash } : {}) },
    properties: {
      fingerprint: secret.fingerprint,
      type: secret.type,
      severity: secret.severity,
      confidence: secret.confidence,
      playbook: secret.type,
      occurrences: secret.occurrences.length,
      ...(o.commit ? { commit: o.commit.sha, authorDate: o.commit.date, author: o.commit.author, firstIntroducedPath: first?.path } : {}),
      ...(secret.inHead !== undefined ? { inHead: secret.inHead } : {}),
      ...(o.decodedFrom ? { decodedFrom: o.decodedFrom } : {}),
    },
  }));
}

export const sarifReporter = ((result, ctx) => {
  const used = [...new Set(result.secrets.map((s) => s.ruleId))];
  // All active rules are listed so that code scanning can close alerts of rules with no result now.
  const rules = [...result.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const id of used) if (!index.has(id)) throw new Error(`secret of unknown rule ${id}`);
  const run: Run = {
    tool: { driver: { name: TOOL_NAME, semanticVersion: VERSION, version: VERSION, informationUri: INFORMATION_URI, rules: rules.map((r) => sarifRule(r, ctx)) } },
    results: result.secrets.flatMap((s) => sarifResults(s, index.get(s.ruleId) ?? 0)),
    columnKind: 'utf16CodeUnits',
  };
  if (ctx.category) run.automationDetails = { id: `${ctx.category.replace(/\/+$/, '')}/` };
  // A shard's log covers part of the history: marked, so that it is not uploaded as the whole analysis.
  if (result.shard) run.properties = { partial: true, shard: `${result.shard.index}/${result.shard.count}` };
  const log: Log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}) satisfies Reporter;
