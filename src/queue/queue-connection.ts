// Opening the queue: BullMQ and ioredis load only here, by import(), so that commands without
// --queue never load them; a queue out of reach is a clear error naming the URL (no password).
import { errorMessage } from '../core/errors.js';
import { QueueError, connectionOptions, type QueueAddress } from './queue-address.js';

/** The BullMQ module (loaded on first use). */
export type BullModule = typeof import('bullmq');

let bull: Promise<BullModule> | undefined;

/** Loads BullMQ once. */
export function loadBull(): Promise<BullModule> {
  bull ??= import('bullmq');
  return bull;
}

// How long the first connection may take before the queue is declared out of reach.
const CONNECT_TIMEOUT_MS = 5000;

/** Checks that Redis answers at `address` (PING); rejects with a QueueError otherwise. */
export async function checkReachable(address: QueueAddress): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    ...connectionOptions(address),
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The cause (a refused password, an untrusted certificate) arrives as an event; the rejected
  // promise then only says "Connection is closed".
  let cause: unknown;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    const answer = await client.ping();
    if (String(answer) !== 'PONG') throw new Error(`PING answered ${String(answer)}`);
    const policy = (await client.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
    if (policy[1] !== undefined && policy[1] !== 'noeviction') {
      throw new QueueError(
        `queue ${address.shown}: Redis maxmemory-policy must be noeviction (got ${policy[1]}); evicted keys would corrupt the queue (redis-cli config set maxmemory-policy noeviction)`,
      );
    }
  } catch (error) {
    if (error instanceof QueueError) throw error;
    const reason = errorMessage(cause ?? error) || 'no answer';
    throw new QueueError(
      `queue ${address.shown} cannot be reached: ${reason} (${hint(reason, address)})`,
      { cause: cause ?? error },
    );
  } finally {
    client.disconnect();
  }
}

// What to check, given why the connection failed.
function hint(reason: string, address: QueueAddress): string {
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(reason))
    return 'check the password (and user) in the URL';
  if (/certificate|self[- ]signed|SSL|TLS/i.test(reason))
    return address.tls
      ? "the server's TLS certificate is not trusted: set NODE_EXTRA_CA_CERTS to its authority's certificate file"
      : 'the server speaks TLS: use rediss://';
  return 'is redis-server running there, and the password right?';
}
