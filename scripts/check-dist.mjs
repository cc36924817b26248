// Rebuilds dist/ and fails when it differs from what is committed: a changed or deleted bundle file,
// or a new file that is not tracked yet (git diff alone does not see untracked files).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], { cwd: root, encoding: 'utf8' });
if (status.trim() !== '') {
  process.stderr.write(`dist/ differs from a fresh build (run npm run bundle and commit dist/):\n${status}`);
  execFileSync('git', ['diff', '--stat', '--', 'dist'], { cwd: root, stdio: 'inherit' });
  process.exit(1);
}
