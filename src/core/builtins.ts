// Node built-ins that only some runs need, loaded on first use. A static `import` of a built-in is
// loaded when the bundle starts, used or not: node:crypto, node:zlib and node:worker_threads cost a
// pre-commit hook about 7 ms of its start-up, and a clean commit needs none of them; node:fs/promises
// (with readline, which it loads) about 1 ms, where a staged scan without an ignore file reads nothing
// through it (`process.getBuiltinModule`: Node 20.16+).

/** node:crypto (fingerprints, key parsing, temporary names). */
export const nodeCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
/** node:zlib (checksums of token formats, gzip of SARIF). */
export const nodeZlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');
/** node:worker_threads (the detector pool, the regex probe). */
export const nodeWorkers = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');
/** node:fs/promises (the ignore file, atomic writes, the directory walk's lstat). */
export const nodeFsPromises = (): typeof import('node:fs/promises') => process.getBuiltinModule('node:fs/promises');
