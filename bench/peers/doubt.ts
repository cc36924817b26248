// Labels we do not take at face value, reported apart from the headline figures. Deliberately
// independent of keywarden's own placeholder filter: these are judgements about the *case*.

import type { Case } from './case.ts';

/**
 * Text that marks a value as documentation or a stand-in rather than a live credential; the one
 * proper value is the sample password of MongoDB's connection-string manual (`D1fficultP%40ssw0rd`).
 */
const PLACEHOLDER = /d1fficultp(?:%40|@)ssw0rd|example|x{5,}|X{5,}|\*{4,}|0123456|1234567|abcdefgh|dummy|fake|placeholder|your[_-](?:api|token|key|secret|password)|redacted|<your[^>]{0,30}>|insert[_ -]?your|replace[_ -]?me|changeme/i;
/** Peer rules whose "secret" is an identifier or public value that grants nothing by itself. */
const IDENTIFIER_RULE = /(?:^|[-_. ])(?:client|tenant|account|app|org|organization|user|project|team|workspace|subscription|access|key|service[-_ ]account)[-_ ]?id\b|(?:^|[-_. ])id$|username|public[-_ ]?key|publishable|site[-_ ]?key|\burl\b|identifier|aws account/i;
/** …unless the rule also names something that does grant access (`Username and Password`, `webhook URL`). */
const GRANTS = /password|secret|token|webhook|sensitive|credential/i;

/** Why a positive case's label is doubtful, or undefined. */
export function doubtfulPositive(c: Case): string | undefined {
  if (IDENTIFIER_RULE.test(c.rule) && !GRANTS.test(c.rule)) return 'identifier, grants nothing alone';
  const m = PLACEHOLDER.exec(c.text);
  if (m) return `placeholder (${m[0].slice(0, 12)})`;
  return undefined;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Why a negative case that keywarden flags is doubtful, or undefined. A peer's negative example for
 * one rule is often a credential of *another* type of the same provider (a Slack user token among the
 * bot-token negatives): flagged only by provider rules of that provider, under a different rule id,
 * it is a right value in its right place, not a false alarm.
 */
export function doubtfulNegative(c: Case, fired: ReadonlyArray<{ ruleId: string; generic: boolean }>): string | undefined {
  // Whether flagged or not: the label says nothing about the value's format.
  if (c.valueAllowlisted) return 'the peer allowlists this exact value (a published example key)';
  if (c.peerMisses) return "the peer's own comment calls it a false negative (a key its rule misses)";
  if (c.peerSibling) return `the peer's own rule for the same credential type (${c.peerSibling}) reports it`;
  if (fired.length === 0) return undefined;
  const provider = norm(c.provider);
  const peerRule = norm(c.rule.replace(/^np\.[\w.]+ /, ''));
  const sameProvider = fired.every((f) => {
    const family = norm(f.ruleId.split('-')[0] ?? '');
    return !f.generic && family.length >= 3 && (provider.startsWith(family) || family.startsWith(provider)) && norm(f.ruleId) !== peerRule;
  });
  if (sameProvider) return 'another credential type of the same provider';
  // `HIGHNOTE_API_KEY=sk_live_…` among a Stripe rule's negatives: not a Stripe key, but a Highnote
  // key, named as such in the text and reported by the Highnote rule. The peer's label is about its
  // own rule's provider, not about whether the text holds a credential.
  const text = norm(c.text);
  const namedProvider = fired.every((f) => {
    const family = norm(f.ruleId.split('-')[0] ?? '');
    return !f.generic && family.length >= 4 && !provider.startsWith(family) && text.includes(family);
  });
  if (namedProvider) return "another provider's credential, named in the text";
  // A peer's *generic* rule lists provider formats among its negatives because its provider rules
  // own them (Nosey Parker's generic secret rule: an Azure client secret, "FIXME: extend this rule").
  const providerOnly = c.provider === 'generic' && fired.every((f) => !f.generic);
  return providerOnly ? "a provider's format among a generic rule's negatives" : undefined;
}
