// Types of measure.mjs for the benches written in TypeScript.
export declare const GNU_TIME: boolean;
export declare const REALTIME: boolean;
export interface Case {
  name: string;
  short?: string;
  cmd?: string;
  args?: string[];
  shell?: string;
  cwd?: string;
  ok?: number[];
  skip?: string;
}
export interface Row {
  name: string;
  short?: string;
  skip?: string;
  wall?: number;
  cpu?: number;
  rss?: number;
  runs?: number;
}
export declare function runOnce(c: Case): Promise<{ wall: number; cpu?: number; rss?: number }>;
export declare function paired(cases: Case[], runs: number, options?: { warmup?: boolean; log?: (message: string) => void }): Promise<Row[]>;
export declare function ratioTable(rows: Row[], floors: string[]): string;
export declare function machineLine(runs: number): string;
export declare function has(cmd: string): boolean;
export declare function updateReadme(key: string, text: string): void;
export declare function repoName(url: string): string;
export declare function corpusName(dir: string): string;
export declare function cpuRounds<C extends { name: string }>(candidates: C[], rounds: number, runAll: (candidate: C) => void): Map<string, number[]>;
export declare function throughputTable(candidates: { name: string }[], samples: Map<string, number[]>, chars: number): string[];
