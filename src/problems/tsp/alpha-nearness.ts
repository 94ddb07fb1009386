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
 * number), smallest first. `nearest` (nearest-first lists) only speeds up the 1-tree.
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
  const lists: number[][] = [];
  const row = new Float64Array(n);
  const lengths = new Float64Array(n);
  const best = new BestPartners(size);
  for (let i = 0; i < n; i++) {
    alphaRow(oneTree, i, n, distance, row, lengths);
    best.clear();
    for (let j = 0; j < n; j++) {
      if (j !== i) best.offer(j, row[j] as number, lengths[j] as number);
    }
    lists.push(best.nodes());
  }
  return lists;
}

/**
 * Fills `alpha[j]` with the alpha value of the edge (i, j) and `lengths[j]` with its length, for
 * every j != i, given the minimum 1-tree; index i is left unspecified.
 */
export function alphaRow(
  oneTree: OneTree,
  i: number,
  n: number,
  distance: (a: number, b: number) => number,
  alpha: Float64Array,
  lengths: Float64Array,
): void {
  const { tree, special, neighbor, extra, extraLength } = oneTree;
  if (i === special) {
    for (let j = 0; j < n; j++) {
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
  for (const j of tree.order) {
    if (marks[j] === stamp) continue;
    beta[j] = Math.max(beta[parent[j] as number] as number, parentLength[j] as number);
  }
  for (let j = 0; j < n; j++) {
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

// The `size` best (alpha, length, node) triples seen, kept sorted by insertion.
class BestPartners {
  private readonly node: Int32Array;
  private readonly alpha: Float64Array;
  private readonly length: Float64Array;
  private filled = 0;

  constructor(private readonly size: number) {
    this.node = new Int32Array(size);
    this.alpha = new Float64Array(size);
    this.length = new Float64Array(size);
  }

  clear(): void {
    this.filled = 0;
  }

  offer(node: number, alpha: number, length: number): void {
    const size = this.size;
    if (this.filled === size && !this.before(alpha, length, node, size - 1)) return;
    let at = this.filled < size ? this.filled++ : size - 1;
    while (at > 0 && this.before(alpha, length, node, at - 1)) {
      this.node[at] = this.node[at - 1] as number;
      this.alpha[at] = this.alpha[at - 1] as number;
      this.length[at] = this.length[at - 1] as number;
      at--;
    }
    this.node[at] = node;
    this.alpha[at] = alpha;
    this.length[at] = length;
  }

  nodes(): number[] {
    return Array.from(this.node.subarray(0, this.filled));
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
