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
  // Connection errors also arrive as events; the rejected promise below reports them.
  client.on('error', () => undefined);
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
    throw new QueueError(
      `queue ${address.shown} cannot be reached: ${errorMessage(error) || 'no answer'} (is redis-server running there, and the password right?)`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}
