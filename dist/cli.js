#!/usr/bin/env node


// src/cli/code-cache.ts
var { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = process.getBuiltinModule("node:fs");
var { createRequire } = process.getBuiltinModule("node:module");
var { tmpdir } = process.getBuiltinModule("node:os");
var { dirname, join } = process.getBuiltinModule("node:path");
var { pathToFileURL } = process.getBuiltinModule("node:url");
var vm = process.getBuiltinModule("node:vm");
var WRAPPER_PARAMS = ["exports", "require", "module", "__filename", "__dirname", "__kwMetaUrl", "__kwImport"];
function cacheDirectory(env = process.env, base = tmpdir()) {
  if (env.NODE_DISABLE_COMPILE_CACHE === "1") return void 0;
  const uid = process.getuid?.();
  const dir = join(base, uid === void 0 ? "keywarden-code-cache" : `keywarden-code-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    const st = statSync(dir);
    if (uid !== void 0 && (st.uid !== uid || (st.mode & 18) !== 0)) return void 0;
    return dir;
  } catch {
    return void 0;
  }
}
function hashName(text) {
  let a = 2166136261;
  let b = 16777619 ^ 1540483477;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 16777619) ^ b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
function runKind(argv2) {
  const command = /^[a-z][a-z-]*$/.test(argv2[0] ?? "") ? argv2[0] : "-";
  return argv2.includes("--staged") ? `${command}+staged` : command;
}
function loadBundle(file, kind, cacheDir) {
  const fd = openSync(file, "r");
  let source;
  let key;
  try {
    const st = fstatSync(fd);
    key = hashName([file, st.size, st.mtimeMs, process.version, process.arch, process.execArgv.join(" "), kind].join("\0"));
    source = readFileSync(fd, "latin1");
  } finally {
    closeSync(fd);
  }
  const cachePath = cacheDir && join(cacheDir, key);
  let cachedData;
  if (cachePath) {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
    }
  }
  const script = new vm.Script(`(function (${WRAPPER_PARAMS.join(", ")}) {${source}
})`, { filename: file, cachedData });
  const cache = !cachePath ? "off" : !cachedData ? "absent" : script.cachedDataRejected ? "rejected" : "accepted";
  const module = { exports: {} };
  if (cachePath && cache !== "accepted")
    process.once("exit", () => {
      module.exports.beforeCodeCache?.();
      saveCache(script, cachePath);
    });
  const url = pathToFileURL(file);
  const importer = (specifier) => import(new URL(specifier, url).href);
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), url.href, importer);
  return { exports: module.exports, cache };
}
var KEEP_FILES = 24;
function saveCache(script, cachePath) {
  const tmp = `${cachePath}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData(), { mode: 384 });
    renameSync(tmp, cachePath);
    pruneCache(dirname(cachePath));
  } catch {
  }
}
function pruneCache(dir, keep = KEEP_FILES) {
  const names = readdirSync(dir);
  if (names.length <= keep) return;
  const byAge = names.map((n) => ({ path: join(dir, n), mtime: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.mtime - a.mtime);
  for (const f of byAge.slice(keep)) rmSync(f.path, { force: true });
}

// package.json
var package_default = {
  name: "keywarden",
  version: "0.1.0",
  description: "Secret scanner for CI, pre-commit and git history: finds leaked credentials, reports them where teams look, and opens a rotate-and-revoke incident.",
  license: "MIT",
  type: "module",
  bin: {
    keywarden: "dist/cli.js"
  },
  files: [
    "dist/",
    "rules/",
    "schema/",
    "action.yml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE"
  ],
  engines: {
    node: ">=20.19"
  },
  scripts: {
    bundle: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    test: 'node --test --test-concurrency=2 "test/**/*.test.ts"',
    "check-dist": "node scripts/check-dist.mjs",
    lint: "biome lint --error-on-warnings .",
    demo: "node scripts/demo.mjs",
    bench: "npm run bundle && node bench/dir-bench.mjs",
    eval: "npm run bundle && node bench/eval/generate.ts && node bench/eval/score.ts",
    "eval:peers": "npm run bundle && node bench/peers/run.ts",
    "bench:history": "node bench/history-bench.mjs",
    "bench:precommit": "node bench/precommit-bench.mjs",
    "bench:shards": "node bench/shard-bench.mjs",
    "bench:quiet": "node bench/quiet-bench.mjs",
    all: "npm run typecheck && npm test && npm run bundle",
    prepublishOnly: "npm run typecheck && npm run check-dist && node dist/cli.js scan . --no-color",
    "bench:prefilter": "node bench/prefilter-bench.ts",
    "bench:decode": "node bench/decode-bench.ts",
    "bench:rules": "node bench/rule-cost.ts"
  },
  devDependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@biomejs/biome": "^2.6.9",
    "@microsoft/sarif-multitool": "^5.7.0",
    "@octokit/plugin-retry": "^8.1.1",
    "@octokit/plugin-throttling": "^11.0.5",
    "@secretlint/secretlint-rule-preset-recommend": "^13.0.7",
    "@types/micromatch": "^4.0.10",
    "@types/node": "^24.19.2",
    "@types/sarif": "^2.1.7",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    esbuild: "^0.28.2",
    "fastest-levenshtein": "^1.0.16",
    ignore: "^7.0.16",
    "isomorphic-git": "^1.44.11",
    micromatch: "^4.0.8",
    node: "^24.21.0",
    "playwright-core": "^1.65.2",
    re2js: "^2.10.0",
    secretlint: "^13.0.6",
    typescript: "~6.0.3",
    wabt: "^1.0.39",
    yaml: "^2.9.1"
  }
};

// src/version.ts
var VERSION = package_default.version;

// src/cli/version.ts
var VERSION_ARGS = ["version", "--version", "-V"];
var versionText = () => `keywarden ${VERSION}
`;

// src/cli/index.ts
var argv = process.argv.slice(2);
if (VERSION_ARGS.includes(argv[0] ?? "")) {
  process.stdout.write(versionText());
} else {
  process.getBuiltinModule("node:module").enableCompileCache?.();
  const cli = import.meta.url.endsWith(".ts") ? await import("./run.ts") : loadBundle(process.getBuiltinModule("node:url").fileURLToPath(new URL("./cli-run.cjs", import.meta.url)), runKind(argv), cacheDirectory()).exports;
  await cli.run();
}
