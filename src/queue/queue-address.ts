// Where the queue lives: a redis:// or rediss:// URL (from --queue or KILN_QUEUE), checked,
// turned into connection options, and shown without its password in every message.
import { isIP } from 'node:net';
import { KilnError, describeValue } from '../core/errors.js';

/** The queue cannot be used: a bad URL, Redis out of reach, a version mismatch. */
export class QueueError extends KilnError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_QUEUE', message, options);
  }
}

/** A parsed queue URL. */
export interface QueueAddress {
  /** The URL as given (with its password: never print it). */
  url: string;
  /** The URL with the password replaced by `***`, for messages. */
  shown: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
}

/** The environment variable that may replace `--queue` (keeps passwords out of `ps`). */
export const QUEUE_VARIABLE = 'KILN_QUEUE';

/** The queue URL of `--queue`, else of KILN_QUEUE, else undefined. */
export function queueUrlFrom(
  option: string | undefined,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (option !== undefined) return option;
  const fromEnvironment = environment[QUEUE_VARIABLE];
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : fromEnvironment;
}

/** Parses `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS). */
export function parseQueueAddress(text: string, where = '--queue'): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueError(
      `${where} must be a URL redis://[user:password@]host[:port][/db] (got ${describeValue(redact(text))})`,
    );
  }
  const shown = redactUrl(url);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new QueueError(
      `${where} must start with redis:// or rediss:// (got ${describeValue(shown)})`,
    );
  }
  if (url.hostname === '') {
    throw new QueueError(`${where} must name a host (got ${describeValue(shown)})`);
  }
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0) {
    throw new QueueError(
      `${where} database (after the last /) must be an integer >= 0 (got ${describeValue(shown)})`,
    );
  }
  const address: QueueAddress = {
    url: text,
    shown,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    db,
    tls: url.protocol === 'rediss:',
  };
  if (url.username !== '') address.username = decodeURIComponent(url.username);
  if (url.password !== '') address.password = decodeURIComponent(url.password);
  return address;
}

/** ioredis connection options for `address` (BullMQ workers need `maxRetriesPerRequest: null`). */
export function connectionOptions(address: QueueAddress): Record<string, unknown> {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username === undefined ? {} : { username: address.username }),
    ...(address.password === undefined ? {} : { password: address.password }),
    // SNI takes host names only (an IP address there is refused by RFC 6066).
    ...(address.tls ? { tls: isIP(address.host) === 0 ? { servername: address.host } : {} } : {}),
    maxRetriesPerRequest: null,
  };
}

function redactUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

// A string that is no URL may still hold a password: drop everything between // and @.
function redact(text: string): string {
  return text.replace(/\/\/[^@/]*@/, '//***@');
}
