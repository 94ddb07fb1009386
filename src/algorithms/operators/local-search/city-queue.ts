// The don't-look-bit work list of the tour local searches (Bentley 1992): a FIFO of cities to
// look at, each queued at most once; a city whose tour edges change is queued again.

/** A FIFO of cities with a queued flag per city. */
export class CityQueue {
  private readonly queue: number[] = [];
  private readonly queued: Uint8Array;
  private head = 0;

  constructor(size: number) {
    this.queued = new Uint8Array(size);
  }

  push(city: number): void {
    if (this.queued[city] === 1) return;
    this.queued[city] = 1;
    this.queue.push(city);
  }

  /** The next city, or -1 when the queue is empty. */
  shift(): number {
    if (this.head >= this.queue.length) return -1;
    const city = this.queue[this.head++] as number;
    this.queued[city] = 0;
    // Compact now and then so that the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return city;
  }

  /**
   * Looks at every queued city with `improve` (which applies a move and returns the cities whose
   * edges changed, or undefined) until the queue is empty; returns the number of moves applied.
   */
  drain(improve: (city: number) => readonly number[] | undefined): number {
    let applied = 0;
    for (let city = this.shift(); city >= 0; city = this.shift()) {
      const touched = improve(city);
      if (touched === undefined) continue;
      applied++;
      this.push(city);
      for (const c of touched) this.push(c);
    }
    return applied;
  }
}
