// Whether a study has finished, stopped early, or is still running, from its session records
// (a session that never recorded its end is alive when its process still is).
import { hostname } from 'node:os';
import type { StudyRecords } from './study-records.js';

/** What the report says about the study's progress. */
export interface StudyState {
  status: 'finished' | 'interrupted' | 'running' | 'stopped' | 'unknown';
  /** Why the last session stopped, when it recorded it. */
  stopReason: string | undefined;
  /** One sentence for the summary. */
  text: string;
}

/** Tells whether the process that started a session is still alive. */
export type SessionProbe = (pid: number, host: string) => boolean | undefined;

/** The default probe: alive when a process with that pid exists on this host; unknown elsewhere. */
export const localProbe: SessionProbe = (pid, host) => {
  if (host !== hostname()) return undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The state of the study whose journal is `records`. */
export function studyState(records: StudyRecords, probe: SessionProbe = localProbe): StudyState {
  const last = records.sessions[records.sessions.length - 1];
  if (last === undefined)
    return {
      status: 'unknown',
      stopReason: undefined,
      text: 'state unknown (the journal has no session records: written by an older kiln)',
    };
  if (last.end !== undefined) {
    const reason = last.end.stopReason;
    return reason === 'aborted'
      ? {
          status: 'interrupted',
          stopReason: reason,
          text: 'interrupted (run the same kiln tune command to resume)',
        }
      : { status: 'finished', stopReason: reason, text: `finished (stopped by ${reason})` };
  }
  const alive = probe(last.start.pid, last.start.host);
  if (alive === false)
    return {
      status: 'stopped',
      stopReason: undefined,
      text: 'stopped before finishing (its process ended without recording an end; run the same kiln tune command to resume)',
    };
  return {
    status: 'running',
    stopReason: undefined,
    text:
      alive === true
        ? `running (process ${last.start.pid}); this report shows the trials finished so far`
        : `running on ${last.start.host} (process ${last.start.pid}), unless it stopped there; this report shows the trials finished so far`,
  };
}
