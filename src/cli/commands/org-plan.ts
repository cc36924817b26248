// `keywarden org-plan --org ORG`: the plan of an organisation scan (src/org/plan.ts) from the REST API
// (src/org/list-repos.ts), as JSON on stdout, and with --github-output as the job outputs the reusable
// workflow .github/workflows/org-scan.yml feeds its matrices with.
import { nodeCrypto } from '../../core/builtins.ts';
import { appendFile } from 'node:fs/promises';
import { listOrgRepos, OrgApiError } from '../../org/list-repos.ts';
import { PlanError, planOrg } from '../../org/plan.ts';
import { parseCommandArgs, UsageError } from '../args.ts';
import { EXIT_ERROR, EXIT_OK, type Command } from '../io.ts';

const USAGE = `Usage: keywarden org-plan --org ORG [options]

Lists the organisation's repositories (GET /orgs/ORG/repos, every page) and plans an organisation scan:
one job per repository, or shard jobs and a merge job for a large one, cut into batches of 256 (GitHub's
matrix limit). Prints the plan as JSON. Token: GITHUB_TOKEN or GH_TOKEN; API: GITHUB_API_URL.

Options:
      --org ORG               the organisation (required)
      --repositories FILTER   names to scan: globs, comma-separated (!glob excludes), or /regex/ (default: all)
      --include-archived      scan archived (and disabled) repositories too
      --include-empty         keep empty repositories (size 0) in the plan
      --shard-size-mb N       split a repository larger than N MB into one shard per N MB (default 1000)
      --max-shards N          shards per repository at most (default 16)
      --github-output         also write the outputs batches, plan, merges, repositories to $GITHUB_OUTPUT
Exit codes: 0 planned, 2 usage error or the API failed (one line says why).
`;

const OPTIONS = {
  org: { type: 'string' },
  repositories: { type: 'string' },
  'include-archived': { type: 'boolean' },
  'include-empty': { type: 'boolean' },
  'shard-size-mb': { type: 'string' },
  'max-shards': { type: 'string' },
  'github-output': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(flag: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${flag}: "${raw.slice(0, 20)}" is not a whole number from 1 to ${max}`);
  return n;
}

/** `name<<delimiter` blocks, as @actions/core writes them. */
function outputBlock(name: string, value: string): string {
  const delimiter = `ghadelimiter_${nodeCrypto().randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export const orgPlanCommand: Command = async (args, io) => {
  const { values: v } = parseCommandArgs(args, OPTIONS);
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (!v.org) throw new UsageError('--org ORG is required (the organisation whose repositories to plan)');
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token) throw new UsageError('no token: set GITHUB_TOKEN (or GH_TOKEN) to a token that can list the organisation\'s repositories');
  const options = {
    filter: v.repositories,
    includeArchived: Boolean(v['include-archived']),
    includeEmpty: Boolean(v['include-empty']),
    shardSizeKb: wholeNumber('shard-size-mb', v['shard-size-mb'], 1000, 1_000_000) * 1024,
    maxShards: wholeNumber('max-shards', v['max-shards'], 16, 256),
  };
  const outputFile = io.env.GITHUB_OUTPUT;
  if (v['github-output'] && !outputFile) throw new UsageError('--github-output: GITHUB_OUTPUT is not set (it is, inside a workflow step)');
  let plan: ReturnType<typeof planOrg>;
  try {
    const repos = await listOrgRepos({ api: io.env.GITHUB_API_URL || 'https://api.github.com', token, org: v.org, ...retryTuning(io.env) });
    plan = planOrg(repos, options);
  } catch (e) {
    if (e instanceof OrgApiError || e instanceof PlanError) {
      io.stderr(`keywarden org-plan: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  const jobs = plan.batches.reduce((n, b) => n + b.length, 0);
  const { filtered, archived, empty } = plan.skipped;
  io.stderr(`keywarden org-plan: ${plan.repositories} repositories of ${v.org} → ${jobs} scan jobs in ${plan.batches.length} batch${plan.batches.length === 1 ? '' : 'es'}, ${plan.merges.length} merge job${plan.merges.length === 1 ? '' : 's'}; skipped ${filtered} by the filter, ${archived} archived, ${empty} empty\n`);
  if (v['github-output'] && outputFile) {
    const outputs = { batches: JSON.stringify(plan.batchIndexes), plan: JSON.stringify(plan.batches), merges: JSON.stringify(plan.merges), repositories: String(plan.repositories) };
    await appendFile(outputFile, Object.entries(outputs).map(([k, val]) => outputBlock(k, val)).join(''));
  }
  io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
  return EXIT_OK;
};

/** Tests shorten the backoff (KEYWARDEN_API_RETRY_MS); the default is GitHub's advice of seconds. */
function retryTuning(env: Readonly<Record<string, string | undefined>>): { retryDelayMs?: number } {
  const ms = Number(env.KEYWARDEN_API_RETRY_MS);
  return Number.isFinite(ms) && ms >= 0 && env.KEYWARDEN_API_RETRY_MS !== undefined ? { retryDelayMs: ms } : {};
}
