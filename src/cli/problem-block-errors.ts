// An option error of a problem built from a config's problem block, as an issue of that config
// file at the option's path (`/problem/model/hidden`, `/space/width1/high`).
import { ConfigError, OptionError } from '../core/errors.js';

/**
 * `error` as an issue of the config at `configPath` when it is an option error of the problem
 * block: its space is the config's `/space` when `topLevelSpace` (tune configs may give it there),
 * else `/problem/space`, and its other options sit under `/problem`. Any other error as it is.
 */
export function inProblemBlock(
  error: unknown,
  configPath: string,
  topLevelSpace: boolean,
): unknown {
  if (!(error instanceof OptionError)) return error;
  const inSpace = error.path === '/space' || error.path.startsWith('/space/');
  const path = inSpace && topLevelSpace ? error.path : `/problem${error.path}`;
  return new ConfigError(configPath, [
    { path, message: error.issue, ...(error.hint === undefined ? {} : { hint: error.hint }) },
  ]);
}
