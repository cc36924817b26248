// Kubernetes Secret manifests in the layouts they are written in: every entry of `data:` (base64) and
// `stringData:` whose key names a credential is reported on its own line, whatever its position in
// the block, whichever of `kind:` and `data:` comes first, in multi-document YAML and in JSON
// manifests. Entries marked ⟦…⟧ must be reported; entries marked ⟪…⟫ must not be reported by the
// per-entry rules (their key names no credential, the document is not a Secret, or the `data:` key is
// nested deep in other YAML).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectWithDecoding } from '../../src/core/decode/rescan.ts';
import { builtinRuleSpecs } from '../../src/data/builtin.ts';
import { expandExample } from '../../src/rules/examples.ts';
import { compileRuleSet } from '../../src/rules/ruleset.ts';

const ruleSet = compileRuleSet(builtinRuleSpecs());

/** 1-based lines of the values between `open` and `close`, and the text without the markers. */
function marks(text: string, open: string, close: string): { text: string; lines: number[] } {
  const lines: number[] = [];
  let out = text;
  for (let at = out.indexOf(open); at >= 0; at = out.indexOf(open)) {
    lines.push(out.slice(0, at).split('\n').length);
    out = out.replace(open, '').replace(close, '');
  }
  return { text: out, lines };
}

const CASES: [string, string, string][] = [
  [
    'every credential entry of data:, kind first',
    'k8s/app-secret.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  DB_HOST: ⟪{{gen:b64:db.internal}}⟫\n  DB_PASSWORD: ⟦{{gen:b64:[[alnum:24]]}}⟧\n  REDIS_PASSWORD: ⟦{{gen:b64:[[alnum:24]]}}⟧\n  STRIPE_API_KEY: ⟦{{gen:b64:[[alnum:32]]}}⟧\n  SESSION_SECRET: ⟦{{gen:b64:[[hex:64]]}}⟧\n',
  ],
  [
    'data: before kind:, with a comment and a blank line in the block',
    'deploy/secret.yml',
    'apiVersion: v1\ndata:\n  username: ⟪{{gen:b64:deployer}}⟫\n  # rotated by the platform team\n  password: ⟦{{gen:b64:[[alnum:20]]}}⟧\n\n  token: ⟦{{gen:b64:[[base64url:40]]}}⟧\nkind: Secret\nmetadata:\n  name: api\n',
  ],
  [
    'multi-document: only the Secret document counts',
    'k8s/all.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  api_key: ⟪{{gen:b64:[[alnum:24]]}}⟫\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  environment: ⟪{{gen:b64:production}}⟫\n  aws-secret-access-key: ⟦{{gen:b64:[[base64:40]]}}⟧\n---\nkind: Service\nmetadata:\n  name: web\n',
  ],
  [
    'a Secret as an item of a List',
    'k8s/list.yaml',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: api\n  data:\n    host: ⟪{{gen:b64:db.internal}}⟫\n    api-token: ⟦{{gen:b64:[[hex:40]]}}⟧\n  type: Opaque\n',
  ],
  [
    'a data: key deep inside other YAML is no Secret block, even with a Secret above it',
    'docs/values.yaml',
    'kind: Secret\nrules:\n  - id: example\n    examples:\n      - text: |\n          data:\n            password: ⟪{{gen:b64:[[alnum:20]]}}⟫\n',
  ],
  [
    'stringData: every credential entry',
    'k8s/smtp.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  SMTP_HOST: ⟪smtp.acme-corp.net⟫\n  SMTP_PASSWORD: ⟦{{gen:alnum:20}}⟧\n  WEBHOOK_TOKEN: "⟦{{gen:base64url:32}}⟧"\n',
  ],
  [
    'JSON manifest as kubectl prints it (data before kind)',
    'secret.json',
    '{\n    "apiVersion": "v1",\n    "data": {\n        "ca.crt": "⟪{{gen:b64:-----BEGIN CERTIFICATE-----\\n[[base64:64]]\\n-----END CERTIFICATE-----}}⟫",\n        "password": "⟦{{gen:b64:[[alnum:20]]}}⟧",\n        "api-token": "⟦{{gen:b64:[[hex:40]]}}⟧"\n    },\n    "kind": "Secret",\n    "metadata": {\n        "name": "db"\n    }\n}\n',
  ],
];

describe('Kubernetes Secret entries', () => {
  for (const [name, path, template] of CASES) {
    it(`${name} (${path})`, () => {
      const expanded = expandExample(template, `k8s-entries:${name}`);
      const bad = marks(expanded, '⟪', '⟫');
      const good = marks(bad.text, '⟦', '⟧');
      // Lines of ⟪…⟫ were counted before ⟦…⟧ markers were removed; markers never span lines, so lines agree.
      const findings = detectWithDecoding({ text: good.text, path }, ruleSet);
      const k8s = findings.filter((f) => f.ruleId.startsWith('kubernetes-secret'));
      for (const line of good.lines) assert.ok(k8s.some((f) => f.line === line), `${name}: nothing reported on line ${line}; got [${k8s.map((f) => `${f.ruleId}@${f.line}`).join(', ')}]`);
      // The per-entry rules; kubernetes-secret-data still reports the first value of any `data:` block on purpose.
      const entries = k8s.filter((f) => f.ruleId.endsWith('-entry') || f.ruleId === 'kubernetes-secret-json-data');
      for (const line of bad.lines) assert.ok(!entries.some((f) => f.line === line), `${name}: line ${line} reported`);
    });
  }
});

describe('the data-entry rule on code that is not a manifest', () => {
  it('looks back for `data:` only from an entry whose value is base64 to the end of its line', () => {
    // Indented `token: value,` lines in a file that says "secret": each used to search up to 64 KB
    // back for a `data:` line before its value was read (11 s on this text; the 1 GB tree bench spent
    // a quarter of its time there). The value is now checked first, which changes no match.
    const { spec, source } = builtinRuleSpecs().find((s) => s.spec.id === 'kubernetes-secret-data-entry') ?? assert.fail('rule missing');
    const rule = compileRuleSet([{ spec, source }]).rules[0] ?? assert.fail('rule not compiled');
    const text = `const secret = {\n${'    token: value,\n'.repeat(1 << 15)}};\n`;
    const re = new RegExp(rule.regex.source, rule.regex.flags);
    const started = performance.now();
    assert.equal(re.exec(text), null);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms (budget 2000 ms; about 3 ms when the value is read first)`);
  });
});
