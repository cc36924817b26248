import pkg from '../package.json' with { type: 'json' };

/** keywarden's version, from package.json (inlined by the bundle). */
export const VERSION: string = pkg.version;
export const TOOL_NAME = 'keywarden';
export const INFORMATION_URI = 'https://github.com/keywarden/keywarden';
