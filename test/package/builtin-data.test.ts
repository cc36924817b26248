// The bundle's built-in data (scripts/builtin-data.mjs) is the same as src/data/builtin.ts reads from
// rules/, and its rule specs parse their documentation keys (description, examples…) only when one
// is read, without any consumer seeing a difference: spreads, JSON, structured clones, assignment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import micromatch from 'micromatch';
import { before, describe, it } from 'node:test';
import * as source from '../../src/data/builtin.ts';

type Module = typeof source;

describe('the bundled built-in data', () => {
  let bundled: Module;
  before(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kw-builtin-data-')), 'builtin.mjs');
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/builtin-data.mjs'), out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    bundled = (await import(pathToFileURL(out).href)) as Module;
  });

  it('equals what builtin.ts reads from rules/', () => {
    assert.deepStrictEqual(bundled.builtinRuleSpecs(), source.builtinRuleSpecs());
    assert.deepStrictEqual(bundled.builtinPlaybooks(), source.builtinPlaybooks());
    assert.deepStrictEqual(bundled.builtinFragments(), source.builtinFragments());
    assert.deepStrictEqual(bundled.builtinPlaceholders(), source.builtinPlaceholders());
  });

  it('carries the regex micromatch makes of every path glob of the built-in rules', () => {
    const made = bundled.builtinPathRegexes();
    const globs = new Set(source.builtinRuleSpecs().flatMap(({ spec }) => [...(spec.paths ?? []), ...(spec.allowlist?.paths ?? [])]));
    assert.ok(globs.size > 10);
    assert.deepStrictEqual(new Set(made.keys()), globs);
    for (const g of globs) {
      const re = micromatch.makeRe(g, { dot: true });
      assert.deepStrictEqual(made.get(g), { source: re.source, flags: re.flags }, g);
    }
    assert.equal(source.builtinPathRegexes().size, 0, 'a source checkout makes them on first use');
  });

  it('gives a fresh copy on each call', () => {
    const a = bundled.builtinRuleSpecs();
    const b = bundled.builtinRuleSpecs();
    assert.notEqual(a[0]!.spec, b[0]!.spec);
    a[0]!.spec.examples.push('changed');
    assert.deepStrictEqual(b[0]!.spec.examples, source.builtinRuleSpecs()[0]!.spec.examples);
  });

  it('parses rule documentation on first read, and every copy of a spec carries it', () => {
    const parsed: string[] = [];
    const parse = JSON.parse;
    JSON.parse = (text: string, ...rest: []) => {
      parsed.push(text.slice(0, 40));
      return parse(text, ...rest);
    };
    let specs: ReturnType<Module['builtinRuleSpecs']>;
    try {
      specs = bundled.builtinRuleSpecs();
      assert.equal(parsed.length, 1, 'the detection keys only');
      assert.ok(specs.every((s) => typeof s.spec.pattern === 'string' && Array.isArray(s.spec.keywords)));
      assert.equal(parsed.length, 1, 'detection keys read: nothing more parsed');
      assert.equal(typeof specs[0]!.spec.description, 'string');
      assert.equal(parsed.length, 2, 'documentation parsed on first read');
      assert.ok(specs.every((s) => Array.isArray(s.spec.examples)));
      assert.equal(parsed.length, 2, 'once for every rule');
    } finally {
      JSON.parse = parse;
    }
    const expected = source.builtinRuleSpecs();
    const spec = specs[3]!.spec;
    assert.deepStrictEqual({ ...spec }, expected[3]!.spec);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(spec)), expected[3]!.spec);
    assert.deepStrictEqual(structuredClone(spec), expected[3]!.spec);
    assert.ok(!('references' in spec) || Array.isArray(spec.references));
    assert.deepStrictEqual(Object.keys(spec).sort(), Object.keys(expected[3]!.spec).sort());
    spec.description = 'replaced';
    assert.equal(spec.description, 'replaced');
    assert.equal(JSON.parse(JSON.stringify(spec)).description, 'replaced');
  });
});
