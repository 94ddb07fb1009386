// A binary min-heap of node numbers with decrease-key, for Prim's algorithm on sparse graphs.

/** A binary min-heap of node numbers keyed by `key`, with positions for decrease-key. */
export class NodeHeap {
  size = 0;
  private readonly items: Int32Array;
  private readonly position: Int32Array;

  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.items = new Int32Array(n);
    this.position = new Int32Array(n).fill(-1);
  }

  push(node: number): void {
    this.items[this.size] = node;
    this.position[node] = this.size;
    this.size++;
    this.up(this.size - 1);
  }

  /** Restores the order after `node`'s key decreased (inserts it when absent). */
  update(node: number): void {
    const at = this.position[node] as number;
    if (at < 0) this.push(node);
    else this.up(at);
  }

  pop(): number {
    const top = this.items[0] as number;
    this.size--;
    this.position[top] = -2;
    if (this.size > 0) {
      const last = this.items[this.size] as number;
      this.items[0] = last;
      this.position[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(at: number): void {
    const items = this.items;
    const node = items[at] as number;
    const value = this.key[node] as number;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parentNode = items[parentAt] as number;
      if ((this.key[parentNode] as number) <= value) break;
      items[at] = parentNode;
      this.position[parentNode] = at;
      at = parentAt;
    }
    items[at] = node;
    this.position[node] = at;
  }

  private down(at: number): void {
    const items = this.items;
    const node = items[at] as number;
    const value = this.key[node] as number;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (
        right < this.size &&
        (this.key[items[right] as number] as number) < (this.key[items[child] as number] as number)
      )
        child = right;
      const childNode = items[child] as number;
      if ((this.key[childNode] as number) >= value) break;
      items[at] = childNode;
      this.position[childNode] = at;
      at = child;
    }
    items[at] = node;
    this.position[node] = at;
  }
}
