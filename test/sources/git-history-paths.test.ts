// History scans apply path allowlists to each occurrence, not once per blob: a blob committed at an
// allowed path and at a normal one is reported at the normal one (whichever path the listing met
// first), its occurrences at allowed paths are dropped, and a blob only at allowed paths is dropped.
// Checked for the configuration's global `allowlist.paths` and for a rule's own allowlist paths, with
// both backends.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { secretOf } from '../../src/core/match.ts';
import type { Secret } from '../../src/core/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { scan } from '../../src/scan.ts';
import { defaultSettings } from '../../src/settings.ts';
import { githubPat } from '../helpers/secrets.ts';
import { TestRepo } from './git-repo.ts';

const LISTED_ALLOWED_FIRST = githubPat('paths-both-allowed-first');
const LISTED_NORMAL_FIRST = githubPat('paths-both-normal-first');
const ONLY_ALLOWED = githubPat('paths-only-allowed');
const NAMES = new Map([
  [LISTED_ALLOWED_FIRST, 'both, allowed path listed first'],
  [LISTED_NORMAL_FIRST, 'both, normal path listed first'],
  [ONLY_ALLOWED, 'only at allowed paths'],
]);

let repo: TestRepo;

before(() => {
  repo = TestRepo.init('kw-history-paths-');
  // `docs/` sorts before `src/` and `app/` before `examples/`: the listing meets each blob at the
  // first path of its tree, so both orders are covered. Bare values: only github-pat reports them.
  repo.commit('examples', {
    'docs/example.env': `${LISTED_ALLOWED_FIRST}\n`,
    'app/prod.env': `${LISTED_NORMAL_FIRST}\n`,
    'examples/sample.env': `${LISTED_NORMAL_FIRST}\n`,
    'docs/only.env': `${ONLY_ALLOWED}\n`,
  });
  repo.commit('production', { 'src/prod.env': `${LISTED_ALLOWED_FIRST}\n` });
});
after(() => repo.remove());

const CONFIGS = {
  'the global allowlist.paths': 'allowlist:\n  paths: ["docs/**", "examples/**"]\n',
  "a rule's own allowlist paths": 'ruleAllowlists:\n  github-pat:\n    paths: ["docs/**", "examples/**"]\n',
};

async function historySecrets(config: string, backend: 'git' | 'isomorphic-git', shard?: { index: number; count: number }): Promise<Map<string, string[]>> {
  writeFileSync(join(repo.dir, '.keywarden.yml'), config);
  const saved = process.env.KEYWARDEN_GIT_BACKEND;
  process.env.KEYWARDEN_GIT_BACKEND = backend;
  try {
    const settings = defaultSettings(repo.dir, { kind: 'history', ...(shard ? { shard } : {}) });
    const result = await scan({ ...settings, threads: 1 }, { logger: silentLogger });
    if (config === CONFIGS['the global allowlist.paths'] && !shard) assert.equal(result.stats.skippedFiles.ignored, 1, 'the blob only at allowed paths is skipped, counted');
    return new Map(result.secrets.map((s: Secret) => [NAMES.get(secretOf(s) ?? '') ?? 'unexpected', s.occurrences.map((o) => o.path)]));
  } finally {
    if (saved === undefined) delete process.env.KEYWARDEN_GIT_BACKEND;
    else process.env.KEYWARDEN_GIT_BACKEND = saved;
  }
}

const EXPECTED = new Map([
  ['both, allowed path listed first', ['src/prod.env']],
  ['both, normal path listed first', ['app/prod.env']],
]);

for (const backend of ['git', 'isomorphic-git'] as const) {
  describe(`history scan: path allowlists apply per occurrence (${backend})`, () => {
    for (const [what, config] of Object.entries(CONFIGS)) {
      it(`${what}: a blob also at a normal path is reported there only; a blob only at allowed paths is dropped`, async () => {
        assert.deepEqual(await historySecrets(config, backend), EXPECTED);
      });
    }
  });
}

describe('history scan: path allowlists per occurrence, sharded', () => {
  it('the shards of a 2-way split together report what the unsharded scan does', async () => {
    for (const config of Object.values(CONFIGS)) {
      const merged = new Map<string, string[]>();
      for (const index of [1, 2]) for (const [k, v] of await historySecrets(config, 'git', { index, count: 2 })) merged.set(k, v);
      assert.deepEqual(merged, EXPECTED);
    }
  });
});

describe('history scan: a rule allowlisted by path leaves the place to the rules it displaced', () => {
  it('reports what a directory scan of the same files reports, occurrence by occurrence', async () => {
    const pathRepo = TestRepo.init('kw-history-fallback-');
    try {
      const both = githubPat('paths-fallback-both');
      const docsOnly = githubPat('paths-fallback-docs');
      // With a keyword, a generic rule matches too: where github-pat is allowlisted, the generic rule reports it.
      pathRepo.commit('tokens', { 'docs/example.env': `GITHUB_TOKEN=${both}\n`, 'src/prod.env': `GITHUB_TOKEN=${both}\n`, 'docs/only.env': `GITHUB_TOKEN=${docsOnly}\n` });
      writeFileSync(join(pathRepo.dir, '.keywarden.yml'), 'ruleAllowlists:\n  github-pat:\n    paths: ["docs/**"]\n');
      const shape = (secrets: Secret[]): string[] => secrets.map((s) => `${s.ruleId}: ${s.occurrences.map((o) => o.path).sort().join(', ')}`).sort();
      const dir = await scan({ ...defaultSettings(pathRepo.dir), threads: 1 }, { logger: silentLogger });
      const history = await scan({ ...defaultSettings(pathRepo.dir, { kind: 'history' }), threads: 1 }, { logger: silentLogger });
      assert.equal(dir.secrets.length, 2);
      assert.deepEqual(shape(history.secrets), shape(dir.secrets));
      assert.ok(shape(dir.secrets).includes('github-pat: docs/example.env, src/prod.env'), shape(dir.secrets).join('; '));
    } finally {
      pathRepo.remove();
    }
  });
});

