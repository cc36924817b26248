// A playbook set as the renderers read it: title, first step and the revoke/rotate/verify steps per id.
// The Action's comment and summary and the CLI's HTML report share this one lookup.
import type { PlaybookLookup } from '../reporters/pr-comment.ts';
import type { PlaybookSet } from './types.ts';

/** Title, first step and steps per playbook id (all undefined when `set` is). */
export function playbookLookup(set: PlaybookSet | undefined): PlaybookLookup {
  const byId = new Map((set?.playbooks ?? []).map((p) => [p.id, p]));
  return {
    title: (id) => byId.get(id)?.title,
    firstStep: (id) => byId.get(id)?.revoke[0],
    steps: (id) => {
      const p = byId.get(id);
      return p && { revoke: p.revoke, rotate: p.rotate.steps, verify: p.verify };
    },
  };
}
