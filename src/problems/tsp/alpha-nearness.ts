// Alpha-nearness candidate lists for tours (Helsgaun 2000, "An effective implementation of the
// Lin-Kernighan traveling salesman heuristic", sections 4.1 and 4.2). The alpha value of an edge
// (i, j) is how much the minimum 1-tree grows when it must contain (i, j): 0 for a 1-tree edge,
// c(i, j) - beta(i, j) otherwise, where beta(i, j) is the longest edge on the tree path from i to
// j (for the special node: the longer of its two 1-tree edges). Optimal tours mostly use edges
// of small alpha, even where plain nearness misleads (clusters). Each row of beta takes O(n) time
// and memory from the tree's parent pointers, so all rows take O(n^2) time and O(n) memory; only
// the `count` best partners per node are kept.
import { minimumOneTree, type OneTree } from './one-tree.js';

/**
 * For each node the `count` others of smallest alpha value (ties: shorter edge, then lower node
 * number), smallest first. `nearest` (a few close nodes of each) only speeds up the choice of the 1-tree's
 * special node.
 */
export function alphaNearness(
  n: number,
  distance: (a: number, b: number) => number,
  count: number,
  nearest?: readonly (readonly number[])[],
): number[][] {
  if (n < 3) return Array.from({ length: n }, (_, a) => (n === 2 ? [1 - a] : []));
  const oneTree = minimumOneTree(n, distance, nearest);
  const size = Math.min(count, n - 1);
  const best = new BestPartners(n, size);
  const row = new Float64Array(n);
  const lengths = new Float64Array(n);
  const worst = best.worst;
  // alpha(i, j) = alpha(j, i): each pair is computed once, from its lower node's row.
  for (let i = 0; i < n - 1; i++) {
    alphaRow(oneTree, i, n, distance, row, lengths, i + 1);
    for (let j = i + 1; j < n; j++) {
      const alpha = row[j] as number;
      // Most pairs rank below both lists' last entries: skip them without a call.
      if (alpha > (worst[i] as number) && alpha > (worst[j] as number)) continue;
      const length = lengths[j] as number;
      best.offer(i, j, alpha, length);
      best.offer(j, i, alpha, length);
    }
  }
  return Array.from({ length: n }, (_, i) => best.nodes(i));
}

/**
 * Fills `alpha[j]` with the alpha value of the edge (i, j) and `lengths[j]` with its length, for
 * every j != i from `from` on, given the minimum 1-tree; other entries are left unspecified.
 */
export function alphaRow(
  oneTree: OneTree,
  i: number,
  n: number,
  distance: (a: number, b: number) => number,
  alpha: Float64Array,
  lengths: Float64Array,
  from = 0,
): void {
  const { tree, special, neighbor, extra, extraLength } = oneTree;
  if (i === special) {
    for (let j = from; j < n; j++) {
      const d = j === i ? 0 : distance(i, j);
      lengths[j] = d;
      alpha[j] = j === neighbor || j === extra ? 0 : d - extraLength;
    }
    return;
  }
  // beta[j], the longest edge on the tree path from i to j: first up the path from i to the
  // root, then every other node from its parent (the order lists parents first). The special
  // node is a leaf, so no path between two other nodes passes through it.
  const beta = alpha;
  const parent = tree.parent;
  const parentLength = tree.parentLength;
  const onPath = pathMarks(oneTree, n);
  onPath.stamp++;
  const stamp = onPath.stamp;
  const marks = onPath.marks;
  beta[i] = -Infinity;
  marks[i] = stamp;
  for (let k = i; (parent[k] as number) >= 0; k = parent[k] as number) {
    const p = parent[k] as number;
    beta[p] = Math.max(beta[k] as number, parentLength[k] as number);
    marks[p] = stamp;
  }
  const order = tree.order;
  for (let k = 0; k < n; k++) {
    const j = order[k] as number;
    if (marks[j] === stamp) continue;
    beta[j] = Math.max(beta[parent[j] as number] as number, parentLength[j] as number);
  }
  for (let j = from; j < n; j++) {
    if (j === i) continue;
    const d = distance(i, j);
    lengths[j] = d;
    if (j === special) alpha[j] = i === neighbor || i === extra ? 0 : d - extraLength;
    else alpha[j] = d - (beta[j] as number);
  }
}

// Per-tree scratch marks for the path from a row's node to the root (no O(n) clear per row).
const scratch = new WeakMap<OneTree, { marks: Uint32Array; stamp: number }>();

function pathMarks(oneTree: OneTree, n: number): { marks: Uint32Array; stamp: number } {
  let entry = scratch.get(oneTree);
  if (entry === undefined) {
    entry = { marks: new Uint32Array(n), stamp: 0 };
    scratch.set(oneTree, entry);
  }
  return entry;
}

// For each node, the `size` best (alpha, length, node) triples offered, kept sorted by
// insertion in flat arrays (O(n size) memory).
class BestPartners {
  private readonly node: Int32Array;
  private readonly alpha: Float64Array;
  private readonly length: Float64Array;
  private readonly filled: Int32Array;
  /** Each list's last alpha once it is full (Infinity before): larger values cannot enter. */
  readonly worst: Float64Array;

  constructor(
    n: number,
    private readonly size: number,
  ) {
    this.node = new Int32Array(n * size);
    this.alpha = new Float64Array(n * size);
    this.length = new Float64Array(n * size);
    this.filled = new Int32Array(n);
    this.worst = new Float64Array(n).fill(Infinity);
  }

  offer(owner: number, node: number, alpha: number, length: number): void {
    const size = this.size;
    const base = owner * size;
    const filled = this.filled[owner] as number;
    if (filled === size && !this.before(alpha, length, node, base + size - 1)) return;
    let at = base + (filled < size ? filled : size - 1);
    if (filled < size) this.filled[owner] = filled + 1;
    while (at > base && this.before(alpha, length, node, at - 1)) {
      this.node[at] = this.node[at - 1] as number;
      this.alpha[at] = this.alpha[at - 1] as number;
      this.length[at] = this.length[at - 1] as number;
      at--;
    }
    this.node[at] = node;
    this.alpha[at] = alpha;
    this.length[at] = length;
    if (this.filled[owner] === size) this.worst[owner] = this.alpha[base + size - 1] as number;
  }

  nodes(owner: number): number[] {
    const base = owner * this.size;
    return Array.from(this.node.subarray(base, base + (this.filled[owner] as number)));
  }

  // True when (alpha, length, node) ranks before the entry at `at`.
  private before(alpha: number, length: number, node: number, at: number): boolean {
    const a = this.alpha[at] as number;
    if (alpha !== a) return alpha < a;
    const l = this.length[at] as number;
    if (length !== l) return length < l;
    return node < (this.node[at] as number);
  }
}
