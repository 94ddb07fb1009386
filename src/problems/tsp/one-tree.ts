// Minimum spanning tree and minimum 1-tree of the complete graph of a TSP instance: Prim's
// algorithm (Prim 1957) in its array form, O(n^2) distances and O(n) memory, and the 1-tree of
// Held & Karp (1970) with the special node chosen as in Helsgaun (2000, "An effective
// implementation of the Lin-Kernighan traveling salesman heuristic", section 4.1): a leaf of the
// tree whose second-nearest neighbour is farthest, so that the 1-tree is the tree plus one edge.

/** A spanning tree as parent pointers, with the order in which its nodes were added. */
export interface SpanningTree {
  /** The parent of each node; -1 for the root. */
  parent: Int32Array;
  /** The length of the edge from each node to its parent; 0 for the root. */
  parentLength: Float64Array;
  /** The nodes in the order they joined the tree: every parent comes before its children. */
  order: Int32Array;
  /** The sum of the tree's edge lengths. */
  length: number;
}

/** A minimum 1-tree: a spanning tree in which `special` is a leaf, plus one more edge at it. */
export interface OneTree {
  tree: SpanningTree;
  /** The special node: a leaf of `tree` (its tree edge goes to its nearest neighbour). */
  special: number;
  /** The tree neighbour of `special`. */
  neighbor: number;
  /** The other end of the special node's second edge: its second-nearest node. */
  extra: number;
  /** The length of the edge (special, extra). */
  extraLength: number;
  /** The 1-tree's length: a lower bound of every tour's length. */
  length: number;
}

/** The minimum spanning tree of the complete graph on n >= 1 nodes (Prim, root 0). */
export function minimumSpanningTree(
  n: number,
  distance: (a: number, b: number) => number,
): SpanningTree {
  const parent = new Int32Array(n).fill(-1);
  const parentLength = new Float64Array(n);
  const order = new Int32Array(n);
  // For each node outside the tree: its nearest tree node and the distance to it.
  const key = new Float64Array(n).fill(Infinity);
  const inTree = new Uint8Array(n);
  let length = 0;
  let last = 0;
  inTree[0] = 1;
  for (let added = 1; added < n; added++) {
    let next = -1;
    let nextKey = Infinity;
    for (let b = 0; b < n; b++) {
      if (inTree[b] === 1) continue;
      const d = distance(last, b);
      if (d < (key[b] as number)) {
        key[b] = d;
        parent[b] = last;
      }
      if ((key[b] as number) < nextKey || next < 0) {
        nextKey = key[b] as number;
        next = b;
      }
    }
    inTree[next] = 1;
    order[added] = next;
    parentLength[next] = nextKey;
    length += nextKey;
    last = next;
  }
  return { parent, parentLength, order, length };
}

/**
 * The minimum 1-tree of the complete graph on n >= 3 nodes whose special node is a leaf of the
 * minimum spanning tree. `nearest`, when given, holds a few close nodes of each node: a leaf's
 * second edge is then estimated from its list to choose the special node (only the chosen
 * one's edge is searched over all nodes), which saves a scan of all nodes per leaf.
 */
export function minimumOneTree(
  n: number,
  distance: (a: number, b: number) => number,
  nearest?: readonly (readonly number[])[],
): OneTree {
  const tree = minimumSpanningTree(n, distance);
  const degree = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    const p = tree.parent[b] as number;
    if (p < 0) continue;
    degree[b] = (degree[b] as number) + 1;
    degree[p] = (degree[p] as number) + 1;
  }
  let special = -1;
  let score = -Infinity;
  for (let leaf = 0; leaf < n; leaf++) {
    if (degree[leaf] !== 1) continue;
    const treeNeighbor = treeNeighborOf(tree, leaf);
    const list = nearest?.[leaf];
    const second =
      list !== undefined && list.some((b) => b !== treeNeighbor && b !== leaf)
        ? shortestEdge(leaf, treeNeighbor, list.length, (k) => list[k] as number, distance)
        : secondEdge(leaf, treeNeighbor, n, distance);
    if (second.length > score) {
      special = leaf;
      score = second.length;
    }
  }
  const neighbor = treeNeighborOf(tree, special);
  const { node: extra, length: extraLength } = secondEdge(special, neighbor, n, distance);
  return { tree, special, neighbor, extra, extraLength, length: tree.length + extraLength };
}

// The only tree neighbour of a leaf: its parent, or its one child when the leaf is the root.
function treeNeighborOf(tree: SpanningTree, leaf: number): number {
  const p = tree.parent[leaf] as number;
  if (p >= 0) return p;
  for (const b of tree.order) if (tree.parent[b] === leaf) return b;
  return -1;
}

// The shortest edge at `leaf` other than its tree edge, over all nodes.
function secondEdge(
  leaf: number,
  treeNeighbor: number,
  n: number,
  distance: (a: number, b: number) => number,
): { node: number; length: number } {
  return shortestEdge(leaf, treeNeighbor, n, (k) => k, distance);
}

// The shortest edge from `leaf` to one of `count` nodes (the k-th is nodeAt(k)), other than its
// tree edge; ties go to the lower node number.
function shortestEdge(
  leaf: number,
  treeNeighbor: number,
  count: number,
  nodeAt: (k: number) => number,
  distance: (a: number, b: number) => number,
): { node: number; length: number } {
  let node = -1;
  let length = Infinity;
  for (let k = 0; k < count; k++) {
    const b = nodeAt(k);
    if (b === leaf || b === treeNeighbor) continue;
    const d = distance(leaf, b);
    if (d < length || (d === length && b < node)) {
      length = d;
      node = b;
    }
  }
  return { node, length };
}
