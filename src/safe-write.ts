// Every file keywarden writes (reports, the baseline, .keywardenignore, init's files) is written here:
// never through a symbolic link (a committed `.keywarden-baseline -> ~/.ssh/authorized_keys` must not
// make `keywarden baseline` overwrite the target), and atomically (a temporary file in the same
// directory, then a rename), so that an interrupted write leaves the old file or the new one, never half.
import { nodeCrypto, nodeFsPromises } from './core/builtins.ts';
import { basename, dirname, join } from 'node:path';

/** A path keywarden refuses to write: a symbolic link, a directory. */
export class UnsafeWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeWriteError';
  }
}

export interface WriteOptions {
  /** Permission bits of a new file (an existing file keeps its own). Default: 0o666 less the umask. */
  mode?: number;
}

/** Writes `content` to `path` atomically, refusing symbolic links; creates missing parent directories. */
export async function writeFileSafely(path: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const { chmod, lstat, mkdir, open, rename, rm, writeFile } = nodeFsPromises();
  let mode = options.mode;
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (st?.isSymbolicLink()) throw new UnsafeWriteError(`refusing to write ${path}: it is a symbolic link (replace it with a regular file)`);
  if (st?.isDirectory()) throw new UnsafeWriteError(`refusing to write ${path}: it is a directory`);
  // A FIFO or a device (`-o /dev/null`) cannot be replaced by a rename: write into it.
  if (st && !st.isFile()) return writeFile(path, content);
  if (st) mode = st.mode & 0o7777;
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
  // 'wx' (O_CREAT | O_EXCL) never opens an existing name, so a planted link at the temporary name is refused too.
  const handle = await open(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
