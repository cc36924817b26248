// Node built-ins that only some runs need, loaded on first use. A static `import` of a built-in is
// loaded when the bundle starts, used or not: node:crypto, node:zlib and node:worker_threads cost a
// pre-commit hook about 7 ms of its start-up, and a clean commit needs none of them
// (`process.getBuiltinModule`: Node 20.16+).

/** node:crypto (fingerprints, key parsing, temporary names). */
export const nodeCrypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');
/** node:zlib (checksums of token formats, gzip of SARIF). */
export const nodeZlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');
/** node:worker_threads (the detector pool, the regex probe). */
export const nodeWorkers = (): typeof import('node:worker_threads') => process.getBuiltinModule('node:worker_threads');
