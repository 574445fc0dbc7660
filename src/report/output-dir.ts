/**
 * Output directories that are never left half-written.
 *
 * `prepareOutputDir(out)` checks, before any work, that OUT can be written:
 * OUT is absent, an empty directory, or an earlier Allot output (it holds the
 * `.allot-output` marker, or an older `results.json`/`policy.json` with an
 * `allotVersion`); its parent exists or can be created; and a working
 * directory `OUT.tmp-<pid>` can be made beside it. Everything is written
 * there; `commit()` renames it to OUT (replacing an earlier output), and
 * `abort()` removes it — so a failure at any point (bad input, a full disk,
 * Ctrl-C) leaves OUT as it was. Missing parents are created one level at a
 * time (a recursive mkdir under /proc does not return on Node 20).
 *
 * Errors: InputError (exit 2) for a path the user can fix — OUT is a file,
 * a non-Allot directory, under a file, not writable; EnvironmentError (exit
 * 1) when the disk fails during the run.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeErrno, EnvironmentError, InputError } from '../errors.js';
import { allotVersion } from '../provenance.js';

/** Name of the marker file Allot writes into every output directory. */
export const OUTPUT_MARKER = '.allot-output';

/** True when `dir` holds an earlier Allot output (marker, or an older results.json/policy.json/sweep.json with allotVersion). */
export function isAllotOutput(dir: string): boolean {
  if (existsSync(join(dir, OUTPUT_MARKER))) return true;
  for (const f of ['results.json', 'policy.json', 'sweep.json']) {
    try {
      const data = JSON.parse(readFileSync(join(dir, f), 'utf8').slice(0, 1 << 20)) as { allotVersion?: unknown; meta?: { allotVersion?: unknown } };
      if (typeof data.allotVersion === 'string' || typeof data.meta?.allotVersion === 'string') return true;
    } catch {
      // not there, or not ours
    }
  }
  return false;
}

/** Creates `dir` and its missing parents one level at a time; InputError naming `where` on failure. */
export function makeDirectories(dir: string, where: string): void {
  if (dir.trim() === '') throw new InputError('expected a directory path, got an empty string', where);
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new InputError(`cannot use ${p}: ${describeErrno(e)}`, where);
      missing.push(p);
      const up = dirname(p);
      if (up === p) break;
      p = up;
      continue;
    }
    if (!st.isDirectory()) throw new InputError(`${p} is a file, not a directory`, where);
    try {
      accessSync(p, constants.W_OK);
    } catch {
      if (missing.length > 0) throw new InputError(`cannot create directories in ${p}: permission denied`, where);
    }
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new InputError(`cannot create directory ${m}: ${describeErrno(e)}`, where);
    }
  }
}

/** A prepared output directory: write into `dir`, then `commit()` (or `abort()`). */
export interface OutputDir {
  /** Where to write now (`OUT.tmp-<pid>`). */
  readonly dir: string;
  /** The final path OUT. */
  readonly out: string;
  /** Moves the written directory to OUT (replacing an earlier Allot output). */
  commit(): void;
  /** Removes the working directory (OUT stays as it was). */
  abort(): void;
}

/**
 * Checks OUT and creates its working directory. `where` names the option in
 * errors (e.g. "--out"). `command` is recorded in the marker file.
 */
export function prepareOutputDir(out: string, where: string, command: string): OutputDir {
  if (out.trim() === '') throw new InputError('expected a directory path, got an empty string', where);
  const abs = resolve(out);
  let exists = false;
  try {
    const st = statSync(abs);
    exists = true;
    if (!st.isDirectory()) throw new InputError(`${out} exists and is a file; give a directory`, where);
    const entries = readdirSync(abs);
    if (entries.length > 0 && !isAllotOutput(abs)) throw new InputError(`${out} exists and is not an earlier Allot output (it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); choose a new or empty directory`, where);
    accessSync(abs, constants.W_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (exists) throw new InputError(`cannot write into ${out}: ${describeErrno(e)}`, where);
    if (code !== 'ENOENT') throw new InputError(`cannot use ${out}: ${describeErrno(e)}`, where);
  }
  makeDirectories(dirname(abs), where);
  const tmp = `${abs}.tmp-${process.pid}`;
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    writeFileSync(join(tmp, OUTPUT_MARKER), JSON.stringify({ allotVersion, command }) + '\n');
  } catch (e) {
    try {
      rmSync(tmp, { recursive: true, force: true });
    } catch {
      // nothing was created
    }
    throw new InputError(`cannot create ${basename(tmp)} beside ${out}: ${describeErrno(e)}`, where);
  }
  let done = false;
  return {
    dir: tmp,
    out: abs,
    commit() {
      if (done) return;
      try {
        if (existsSync(abs)) {
          const old = `${abs}.old-${process.pid}`;
          renameSync(abs, old);
          renameSync(tmp, abs);
          rmSync(old, { recursive: true, force: true });
        } else renameSync(tmp, abs);
        done = true;
      } catch (e) {
        this.abort();
        throw new EnvironmentError(`cannot move the output into ${out}: ${describeErrno(e)}`, (e as NodeJS.ErrnoException).code);
      }
    },
    abort() {
      if (done) return;
      done = true;
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Wraps a file-system error raised while writing outputs as an EnvironmentError naming the file. */
export function writeFailure(e: unknown, path: string): EnvironmentError {
  return new EnvironmentError(`cannot write ${path}: ${describeErrno(e)}; nothing was kept`, (e as NodeJS.ErrnoException).code);
}
