// Who may take a job: the queue's name carries kiln's major version, and every job carries
// kiln's exact version and Node's major, which a worker checks before running anything (another
// version could compute other values and break the same-result promise).
import { readFileSync } from 'node:fs';
import { QueueError } from './queue-address.js';

/** The version of this kiln (from its package.json, two folders up in src/ and dist/ alike). */
export const KILN_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The major version of the Node.js running this process. */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** The queue of this kiln's major version (BullMQ refuses `:` in names). */
export function queueName(version = KILN_VERSION): string {
  return `kiln-v${version.split('.')[0]}`;
}

/** What every job carries besides its task. */
export interface JobIdentity {
  kiln: string;
  node: number;
}

/** This process's identity. */
export function ownIdentity(): JobIdentity {
  return { kiln: KILN_VERSION, node: NODE_MAJOR };
}

/** Refuses a job from another kiln version or Node major, naming both. */
export function checkIdentity(job: JobIdentity, host: string): void {
  if (job.kiln !== KILN_VERSION) {
    throw new QueueError(
      `worker ${host}: the job comes from kiln ${job.kiln} but this worker runs kiln ${KILN_VERSION}; run the same kiln version on every machine`,
    );
  }
  if (job.node !== NODE_MAJOR) {
    throw new QueueError(
      `worker ${host}: the job comes from Node ${job.node} but this worker runs Node ${NODE_MAJOR}; run the same Node major on every machine`,
    );
  }
}

/** A job id part: BullMQ refuses `:` in ids and integers as ids. */
export function jobIdPart(text: string): string {
  return text.replaceAll(':', '_');
}
