// A scan with a configuration, end to end through the CLI: rules turned off, custom rules added,
// paths never read, per-rule allowlists, thresholds from the file, and config errors exiting 2.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/scan.ts';
import { silentLogger } from '../../src/logger.ts';
import { defaultSettings } from '../../src/settings.ts';
import { runCli } from '../helpers/cli.ts';
import { awsKeyId, gen, githubPat } from '../helpers/secrets.ts';
import { placesOf, type JsonReport } from '../helpers/report.ts';

const CUSTOM_RULE = String.raw`  - id: acme-token
    name: ACME token
    pattern: '\b(acme_[a-z0-9]{24})\b'
    keywords: [acme_]
    severity: high
    playbook: generic-api-token
    examples: ['k = acme_{{gen:lowernum:24}}']
    negativeExamples: ['k = acme_short']`;

const acmeToken = (): string => `acme_${gen('{{gen:lowernum:24}}')}`;

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kw-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}


describe('scan with .keywarden.yml', () => {
  it('disables a rule, adds a custom rule and never reads allowlisted paths', async () => {
    const dir = repo({
      '.keywarden.yml': `disable: [aws-access-key-id]\nallowlist:\n  paths: ["fixtures/**"]\nrules:\n${CUSTOM_RULE}\n`,
      'src/app.js': `const acme = "${acmeToken()}";\nconst aws = "${awsKeyId()}";\n`,
      'fixtures/sample.env': `TOKEN=${githubPat()}\nACME=${acmeToken()}\n`,
      'src/other.js': `const gh = "${githubPat()}";\n`,
    });
    const r = await runCli(['scan', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(placesOf(report.secrets).map((f) => `${f.path} ${f.ruleId}`).sort(), ['src/app.js acme-token', 'src/other.js github-pat']);
    assert.equal(report.stats.files, 3, 'fixtures/ is not read: .keywarden.yml, src/app.js, src/other.js');
    assert.ok((report.stats.skippedFiles.ignored ?? 0) >= 1);
  });

  it('per-rule allowlists and thresholds from the file apply', async () => {
    const kept = githubPat();
    const dir = repo({
      '.keywarden.yml': `ruleAllowlists:\n  github-pat:\n    paths: ["docs/**"]\nminSeverity: critical\n`,
      'docs/howto.md': `token: ${githubPat()}\n`,
      'src/a.env': `GH=${kept}\nAWS=${awsKeyId()}\n`,
    });
    const result = await scan({ ...defaultSettings(dir), target: { kind: 'files', paths: ['.'] } }, { logger: silentLogger });
    assert.deepEqual(result.secrets.flatMap((s) => s.occurrences.map((o) => `${o.path} ${s.ruleId}`)), ['src/a.env github-pat']);
    assert.ok((result.stats.skipped['below-threshold'] ?? 0) >= 1, 'the AWS key id (high) is under minSeverity: critical');
    assert.ok((result.stats.skipped['path-allowlist'] ?? 0) >= 1, 'docs/ is skipped for github-pat only');
    const all = await scan({ ...defaultSettings(dir), minSeverity: 'low' }, { logger: silentLogger });
    assert.ok(all.secrets.some((s) => s.occurrences.some((o) => o.path === 'src/a.env') && s.ruleId === 'aws-access-key-id'), 'the command line threshold wins');
    assert.ok(!all.secrets.some((s) => s.occurrences.some((o) => o.path.startsWith('docs/')) && s.ruleId === 'github-pat'));
  });

  it('--config names a file elsewhere; the command line wins over it', async () => {
    const dir = repo({ 'cfg/kw.yml': 'disable: [github-pat]\n', 'a.env': `GH=${githubPat()}\n` });
    assert.equal((await runCli(['scan', '--config', 'cfg/kw.yml'], dir)).code, 0);
    assert.equal((await runCli(['scan', '--config', 'cfg/kw.yml', '--enable-rule', 'github-pat'], dir)).code, 1);
  });

  it('a configuration error stops the scan with exit 2 and one line naming file, line and key', async () => {
    const dir = repo({ '.keywarden.yml': 'extends: default\nminConfidence: certain\n', 'a.txt': 'x\n' });
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keywarden: error: \.keywarden\.yml:2: minConfidence must be equal to one of the allowed values \(high, medium, low\)\n$/);
  });

  it('a catastrophic custom regex stops the scan with a message naming the rule', async () => {
    const dir = repo({ '.keywarden.yml': `rules:\n${CUSTOM_RULE.replace(String.raw`'\b(acme_[a-z0-9]{24})\b'`, "'acme_((?:[a-z0-9]+_?)+)!'")}\n`, 'a.txt': 'x\n' });
    const r = await runCli(['scan'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.keywarden\.yml:4: rule acme-token: pattern is unsafe: nested quantifier/);
  });
});
