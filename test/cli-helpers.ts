/** Running the `allot` CLI in tests: in-process through `main(argv, io)` (fast), or as a real child process (exit codes of the real entry). */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `allot <args>` in this process with captured output; `writeFile` replaces the output-file writer (to inject a full disk). */
export async function runCliInProcess(args: string[], options: { writeFile?: CliIo['writeFile']; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { ...process.env, ...options.env },
    writeFile: options.writeFile ?? ((p, d) => writeFileSync(p, d)),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const entry = fileURLToPath(new URL('../src/cli/entry.ts', import.meta.url));

/** Runs `allot <args>` as a child process (node --import tsx src/cli/entry.ts). */
export function runCliProcess(args: string[], timeoutMs = 120_000): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
