// isomorphic-git, behind one module that is imported only on demand (no git binary, or
// KEYWARDEN_GIT_BACKEND=isomorphic-git). The build makes it a bundle of its own (dist/iso-git.js):
// the CLI and the Action then start without reading its 0.6 MB.
import * as git from 'isomorphic-git';

export default git;
