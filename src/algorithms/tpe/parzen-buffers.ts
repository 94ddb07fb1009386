// Storage that successive Parzen estimators reuse: typed arrays by name, grown when too small, so
// that building an estimator on every ask allocates nothing once the buffers have grown.

/**
 * Storage that successive estimators reuse, by array name (see `buildParzenEstimator`): each
 * buffer with the view of it last handed out.
 */
export type ParzenBuffers = Map<
  string,
  { buffer: Float64Array | Int32Array; view: Float64Array | Int32Array }
>;

// A view of `length` elements of the named buffer, grown by half again when too small; a fresh
// array without buffers. Its contents are stale: every element is written by the caller. The
// last view is handed out again when its length is the one asked for (no new view object).
function view<T extends Float64Array | Int32Array>(
  buffers: ParzenBuffers | undefined,
  name: string,
  length: number,
  create: (length: number) => T,
): T {
  if (buffers === undefined) return create(length);
  let entry = buffers.get(name);
  if (entry === undefined || entry.buffer.length < length) {
    const buffer = create(Math.ceil(length * 1.5) + 16);
    entry = { buffer, view: buffer.subarray(0, length) };
    buffers.set(name, entry);
  } else if (entry.view.length !== length) {
    entry.view = entry.buffer.subarray(0, length);
  }
  return entry.view as T;
}

/** A Float64Array of `length` from the named buffer (stale contents; fresh without buffers). */
export const floats = (buffers: ParzenBuffers | undefined, name: string, length: number) =>
  view(buffers, name, length, (size) => new Float64Array(size));
/** An Int32Array of `length` from the named buffer (stale contents; fresh without buffers). */
export const integers = (buffers: ParzenBuffers | undefined, name: string, length: number) =>
  view(buffers, name, length, (size) => new Int32Array(size));
