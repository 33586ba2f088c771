/** Trees of the organisation: units by parent, positions by reports-to (直接上级). */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** Every id below the given roots (the roots included), breadth first. */
export function collectSubtree(nodes: readonly TreeNode[], rootIds: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const seen = new Set<number>();
  const queue = [...rootIds];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) queue.push(child);
  }
  return seen;
}

/**
 * Would setting `id`'s parent to `newParentId` make a loop? Returns the loop as a list of ids
 * (starting and ending at `id`) so the error can name it, or null when the tree stays a tree.
 */
export function findCycle(
  nodes: readonly TreeNode[],
  id: number,
  newParentId: number | null,
): number[] | null {
  if (newParentId === null) return null;
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  parentOf.set(id, newParentId);
  const path = [id];
  let current: number | null = newParentId;
  const guard = nodes.length + 2;
  while (current !== null && path.length <= guard) {
    path.push(current);
    if (current === id) return path;
    current = parentOf.get(current) ?? null;
  }
  return null;
}

/** Ancestors of a node, nearest first (the node itself excluded). */
export function listAncestors(nodes: readonly TreeNode[], id: number): number[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const out: number[] = [];
  let current = parentOf.get(id) ?? null;
  while (current !== null && !out.includes(current)) {
    out.push(current);
    current = parentOf.get(current) ?? null;
  }
  return out;
}
