// Standard-input source (`keywarden scan -`): the bytes the CLI read, as one file named by
// `--stdin-name`, decoded and size-checked like a file on disk.
import type { Fragment } from '../core/types.ts';
import { decodeText } from './decode-text.ts';
import type { Source, SourceContext } from './source.ts';

export interface StdinSourceOptions {
  /** The path reported for the text (`--stdin-name`). */
  name: string;
  content: Uint8Array;
  maxFileSize: number;
}

export class StdinSource implements Source {
  readonly label: string;
  private readonly opts: StdinSourceOptions;

  constructor(opts: StdinSourceOptions) {
    this.opts = opts;
    this.label = `standard input (as ${opts.name})`;
  }

  async *fragments(ctx: SourceContext): AsyncIterable<Fragment> {
    const { name, content, maxFileSize } = this.opts;
    if (content.length > maxFileSize) return ctx.onSkip('too-large', name);
    const text = decodeText(content, name, ctx);
    if (text !== undefined) yield { text, path: name, origin: 'file' };
  }
}
