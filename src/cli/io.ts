/**
 * What a command talks to: standard output and error, the environment and the
 * file writer for output directories. `main(argv, io)` takes it, so tests run
 * commands in-process with captured streams and injected failures (a full
 * disk), and the process entry passes the real ones.
 */
import { writeFileSync } from 'node:fs';

/** A text stream (process.stdout-like). */
export interface TextSink {
  write(text: string): unknown;
  /** True on a terminal (progress bars, colour). */
  isTTY?: boolean;
  /** Terminal width. */
  columns?: number;
  /** Terminal height. */
  rows?: number;
}

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Readonly<Record<string, string | undefined>>;
  /** Writes one output file (throws a Node system error on failure, e.g. ENOSPC). */
  writeFile(path: string, data: string | Uint8Array): void;
}

/** The real process streams and file system. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    writeFile: (path, data) => writeFileSync(path, data),
  };
}

/** Prints a warning on stderr ("allot: warning: …"). */
export function warner(io: CliIo): (message: string) => void {
  return (message) => {
    io.stderr.write(`allot: warning: ${message}\n`);
  };
}

/** How text output should look on this stdout. */
export interface TerminalStyle {
  /** Columns: the terminal's on a TTY, else $COLUMNS, else 80. */
  width: number;
  /** ANSI emphasis only on a TTY, and never with NO_COLOR set. */
  color: boolean;
  /** Lines of one screen: the terminal's rows, else $LINES, else 24. */
  screenRows: number;
}

function positiveInt(v: string | number | undefined): number | undefined {
  const n = typeof v === 'number' ? v : v === undefined || v === '' ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The terminal style of `io.stdout` (see `TerminalStyle`). */
export function terminalStyle(io: CliIo): TerminalStyle {
  const tty = io.stdout.isTTY === true;
  return {
    width: (tty ? positiveInt(io.stdout.columns) : undefined) ?? positiveInt(io.env.COLUMNS) ?? 80,
    color: tty && !io.env.NO_COLOR,
    screenRows: (tty ? positiveInt(io.stdout.rows) : undefined) ?? positiveInt(io.env.LINES) ?? 24,
  };
}
