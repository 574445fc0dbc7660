/**
 * Redis addresses for distributed sweeps: `redis://[USER:PASSWORD@]HOST[:PORT][/DB]`
 * (or `rediss://` for TLS), parsed into the connection options BullMQ and
 * ioredis take, and a reachability probe that fails fast with one line
 * naming the URL (EnvironmentError → exit 1) instead of ioredis' endless
 * reconnecting.
 */
import { EnvironmentError, InputError } from '../errors.js';

/** A parsed Redis address. */
export interface RedisTarget {
  /** The URL without its password, for messages. */
  display: string;
  /** ioredis / BullMQ connection options: host, port (1–65535, default 6379), db (default 0), credentials, TLS. */
  connection: { host: string; port: number; db: number; username?: string; password?: string; tls?: Record<string, never> };
}

/**
 * Parses a Redis URL. Throws InputError naming `flag` when it is not
 * `redis://` or `rediss://`, has no host, a port outside 1–65535, a database
 * that is not a whole number, or a query or fragment.
 */
export function parseRedisUrl(text: string, flag: string): RedisTarget {
  const expected = `expected redis://HOST:PORT (e.g. redis://127.0.0.1:6379), got "${text}"`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InputError(expected, flag);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InputError(`${expected}: the scheme must be redis:// or rediss://`, flag);
  if (!u.hostname) throw new InputError(`${expected}: no host`, flag);
  const port = u.port ? Number(u.port) : 6379;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InputError(`${expected}: port must be 1–65535`, flag);
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new InputError(`${expected}: the path must be a database number (/0, /1 …)`, flag);
  if (u.search || u.hash) throw new InputError(`${expected}: no query or fragment allowed`, flag);
  const db = dbText === '' ? 0 : Number(dbText);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const connection: RedisTarget['connection'] = { host, port, db };
  if (u.username) connection.username = decodeURIComponent(u.username);
  if (u.password) connection.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') connection.tls = {};
  const display = `${u.protocol}//${u.hostname}:${port}${db ? `/${db}` : ''}`;
  return { display, connection };
}

/**
 * Connects once and sends PING, without retrying. Throws EnvironmentError
 * `cannot reach Redis at <url> (<cause>); …` when nothing answers within
 * `timeoutMs` (default 5000) or the server refuses (wrong password …).
 */
export async function probeRedis(target: RedisTarget, flag: string, timeoutMs = 5000): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ ...target.connection, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let socketError: Error | undefined;
  client.on('error', (e: Error) => (socketError ??= e)); // the cause (ECONNREFUSED …); connect() then rejects with "Connection is closed"
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const cause = (socketError ?? (e instanceof Error ? e : new Error(String(e)))).message.split('\n')[0];
    throw new EnvironmentError(`cannot reach Redis at ${target.display} (${cause}); start redis-server there or fix ${flag}`);
  } finally {
    client.disconnect();
  }
}
