// Collects what the detector and the suppression stages decided about one file's candidates (as a
// ScanObserver), then turns it into an ExplainReport against the scan's final result. Raw values
// stay inside the collector: the report holds only redacted forms.
import type { RuleSet } from '../core/detect.ts';
import type { DecodedView } from '../core/decode/view.ts';
import { normaliseSecret } from '../core/fingerprint.ts';
import { lineStarts, positionAt } from '../core/location.ts';
import { fileLine, secretOf } from '../core/match.ts';
import type { DetectObserver, ScanObserver, SecretDropReason } from '../core/observer.ts';
import type { KeywordHits } from '../core/prefilter.ts';
import { redact, showsPrefix } from '../core/redact.ts';
import type { Fragment, Match, Rule, ScanResult, Secret, SkipReason } from '../core/types.ts';
import { STAGE_OF, type ExplainedCandidate, type ExplainReason, type ExplainReport, type KeywordPlace } from './types.ts';

/** Whole-text pattern runs (explain only) are skipped on texts longer than this. */
const EXTRA_PASS_LIMIT = 1024 * 1024;

interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Entry extends Place {
  rule: Rule;
  secret: string;
  decodedFrom?: string;
  reason?: ExplainReason;
  detail: string;
  /** Text offsets (plain text only), for the whole-text pattern pass. */
  start?: number;
  end?: number;
}

interface Plain {
  fragment: Fragment;
  starts: number[];
}

interface View {
  start: number;
  end: number;
  encoding: string;
  view: DecodedView;
}

export class ExplainCollector implements ScanObserver, DetectObserver {
  private ruleSet: RuleSet | undefined;
  private plain: Plain | undefined;
  private readonly plains: Plain[] = [];
  private readonly views: View[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly ran = new Map<number, KeywordPlace[]>();
  private readonly pathSkippedRules = new Set<string>();
  private readonly secretDrops = new Map<string, { secret: Secret; reason: SecretDropReason; detail: string }>();

  detecting(ruleSet: RuleSet): DetectObserver {
    this.ruleSet = ruleSet;
    return this;
  }

  scanning(fragment: Fragment, hits: KeywordHits, byRule: ReadonlyMap<number, readonly number[]>): void {
    if (this.views.length) {
      for (const index of byRule.keys()) if (!this.ran.has(index)) this.ran.set(index, []);
      return;
    }
    this.plain = { fragment, starts: lineStarts(fragment.text) };
    this.plains.push(this.plain);
    const keywordAt = new Map<number, string>();
    for (let j = 0; j < hits.length; j += 2) keywordAt.set(hits[j] ?? 0, this.ruleSet?.prefilter.keywordOf(hits[j + 1] ?? 0) ?? '');
    for (const [index, offsets] of byRule) {
      const places = this.ran.get(index) ?? [];
      for (const o of offsets) places.push({ keyword: keywordAt.get(o) ?? '', ...this.position(o) });
      this.ran.set(index, places);
    }
  }

  pathSkipped(rule: Rule): void {
    this.pathSkippedRules.add(rule.id);
  }

  candidate(rule: Rule, secret: string, start: number, end: number, reason: SkipReason | undefined, detail: string): void {
    const top = this.views[0];
    const inner = this.views[this.views.length - 1];
    if (inner && !(start < inner.view.to && end > inner.view.from)) return; // the plain scan's business
    const place = top ? this.runPlace(top) : this.place(start, end);
    if (!place) return;
    const entry: Entry = { ...place, rule, secret, detail, ...(reason ? { reason } : {}) };
    if (top) entry.decodedFrom = top.encoding;
    else Object.assign(entry, { start, end });
    this.entries.set(key(rule.id, place, secret), entry);
  }

  enterDecoded(start: number, end: number, encoding: string, view: DecodedView): void {
    this.views.push({ start, end, encoding, view });
  }

  leaveDecoded(): void {
    this.views.pop();
  }

  matchDropped(match: Match, reason: SkipReason, detail: string): void {
    const secret = secretOf(match) ?? '';
    const k = key(match.ruleId, match, secret);
    const known = this.entries.get(k);
    const rule = known?.rule ?? this.ruleSet?.rules.find((r) => r.id === match.ruleId);
    if (!rule) return;
    this.entries.set(k, { ...(known ?? { ...placeOf(match), rule, secret }), reason, detail, ...(match.decodedFrom ? { decodedFrom: match.decodedFrom } : {}) });
  }

  secretDropped(secret: Secret, reason: SecretDropReason, detail: string): void {
    this.secretDrops.set(normaliseSecret(secretOf(secret) ?? ''), { secret, reason, detail });
  }

  /** The explanation of `path` (optionally one line of it), given the scan's final result. */
  report(path: string, result: ScanResult, line?: number): ExplainReport {
    this.wholeTextPass();
    const reported = new Map(result.secrets.map((s) => [normaliseSecret(secretOf(s) ?? ''), s]));
    const onLine = (p: Place): boolean => line === undefined || (p.line <= line && line <= p.endLine);
    const candidates = [...this.entries.values()]
      .filter(onLine)
      .sort((a, b) => a.line - b.line || a.column - b.column || cmp(a.rule.id, b.rule.id))
      .map((e) => this.verdict(e, reported));
    const rules = this.ruleSet?.rules ?? [];
    const ran = [...this.ran]
      .map(([i, places]) => ({ id: rules[i]?.id ?? '', keywords: places.filter((p) => line === undefined || p.line === line) }))
      .filter((r) => !this.pathSkippedRules.has(r.id));
    const here = line === undefined ? ran : ran.filter((r) => r.keywords.length > 0 || candidates.some((c) => c.ruleId === r.id));
    const notScanned = this.plains.length ? undefined : Object.keys(result.stats.skippedFiles).join(', ') || 'not read';
    return {
      path,
      ...(line !== undefined ? { line } : {}),
      ...(notScanned ? { notScanned } : {}),
      candidates,
      rules: {
        total: rules.length,
        ran: here.sort((a, b) => cmp(a.id, b.id)),
        ranElsewhere: ran.length - here.length,
        pathSkipped: [...this.pathSkippedRules].sort(),
        notRun: rules.length - this.ran.size,
      },
    };
  }

  private verdict(e: Entry, reported: ReadonlyMap<string, Secret>): ExplainedCandidate {
    const base = { ruleId: e.rule.id, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, ...(e.decodedFrom ? { decodedFrom: e.decodedFrom } : {}) };
    const redacted = e.secret ? redact(e.secret, showsPrefix(e.rule)) : '(empty)';
    if (e.reason) return { ...base, redacted, verdict: 'dropped', stage: STAGE_OF[e.reason], reason: e.reason, detail: e.detail };
    const value = normaliseSecret(e.secret);
    const drop = this.secretDrops.get(value);
    if (drop) return { ...base, redacted: drop.secret.redacted, verdict: 'dropped', stage: STAGE_OF[drop.reason], reason: drop.reason, detail: drop.detail, fingerprint: drop.secret.fingerprint };
    const secret = reported.get(value);
    if (secret) {
      const as = secret.ruleId === e.rule.id ? '' : ` as ${secret.ruleId}`;
      return { ...base, redacted: secret.redacted, verdict: 'reported', stage: 'reported', reason: 'reported', detail: `${e.detail}; reported${as}`, fingerprint: secret.fingerprint };
    }
    // Not reached while every drop after detection is observed; said plainly if it ever is.
    return { ...base, redacted, verdict: 'dropped', stage: 'reported', reason: 'superseded', detail: 'passed detection but is not in the report' };
  }

  /**
   * Matches of each rule's pattern over the whole text that the rule never looked at: no keyword, a
   * keyword out of reach, a path the rule excludes, a rule that is off. Explain only; bounded in size.
   */
  private wholeTextPass(): void {
    const rs = this.ruleSet;
    if (!rs) return;
    const active = new Set(rs.rules.map((r) => r.id));
    const rules = [...rs.rules, ...rs.suppressors.filter((r) => !active.has(r.id))];
    for (const p of this.plains) {
      if (p.fragment.text.length > EXTRA_PASS_LIMIT) continue;
      this.plain = p;
      for (const [i, rule] of rules.entries()) this.patternPass(rule, i, active.has(rule.id));
    }
  }

  private patternPass(rule: Rule, index: number, active: boolean): void {
    const text = this.plain?.fragment.text ?? '';
    const re = rule.regex;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) re.lastIndex++;
      const span = m.indices?.[1];
      const secret = m[1];
      if (!span || !secret) continue;
      const [start, end] = span;
      if (this.seen(rule.id, start, end)) continue;
      const place = this.place(start, end);
      if (!place) continue;
      const [reason, detail] = this.unseenReason(rule, index, active);
      this.entries.set(key(rule.id, place, secret), { ...place, rule, secret, reason, detail, start, end });
    }
    re.lastIndex = 0;
  }

  private unseenReason(rule: Rule, index: number, active: boolean): [ExplainReason, string] {
    if (!active) return ['rule-off', `rule ${rule.id} is off (off by default or disabled in config; --enable-rule ${rule.id} turns it on)`];
    if (this.pathSkippedRules.has(rule.id) || rule.skipsPath(this.plain?.fragment.path ?? '')) return ['path-allowlist', `rule ${rule.id} does not apply to this path (its paths filter or allowlist paths)`];
    const kws = rule.keywords.map((k) => `\`${k}\``).join(', ');
    if (!this.ran.has(index)) return ['no-keyword', `the pattern matches, but none of the rule's keywords (${kws}) is in the text, so it never ran`];
    const reach = rule.reach === 'file' ? 'file' : `${rule.reach.before} before, ${rule.reach.after} after`;
    return ['out-of-reach', `the pattern matches, but no keyword hit (${kws}) is within the rule's reach (${reach} characters, widened to lines)`];
  }

  /** A candidate of this rule overlapping `[start, end)` of the plain text is already known. */
  private seen(ruleId: string, start: number, end: number): boolean {
    for (const e of this.entries.values()) {
      if (e.rule.id !== ruleId) continue;
      if (e.start !== undefined && e.end !== undefined ? e.start < end && start < e.end : overlapsPlace(e, this.place(start, end))) return true;
    }
    return false;
  }

  private position(offset: number): { line: number; column: number } {
    const p = this.plain;
    if (!p) return { line: 0, column: 0 };
    const at = positionAt(p.starts, offset);
    return { line: fileLine(p.fragment, at.lineIndex), column: at.column };
  }

  private place(start: number, end: number): Place | undefined {
    if (!this.plain) return undefined;
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + 1 };
  }

  /** The place of an encoded run of the plain text, where its decoded matches are reported. */
  private runPlace(run: View): Place | undefined {
    return this.place(run.start, run.end);
  }
}

function placeOf(p: Place): Place {
  return { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

function overlapsPlace(a: Place, b: Place | undefined): boolean {
  if (!b) return false;
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 < c2);
  return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}

function key(ruleId: string, p: Place, secret: string): string {
  return `${ruleId}\0${p.line}\0${p.column}\0${p.endLine}\0${p.endColumn}\0${secret}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
