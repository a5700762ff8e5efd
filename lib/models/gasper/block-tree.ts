/**
 * The block tree shared by the store and the states: block ids stand in for the spec's hash
 * roots (ids grow with insertion, so a parent's id is always below its children's). Genesis is
 * id 0 at slot 0. `ancestorAtSlot` is `get_ancestor` of ethereum/consensus-specs v1.4.0
 * `specs/phase0/fork-choice.md`; on a chain it is also `get_block_root_at_slot`
 * (beacon-chain.md), the latest block at or before the slot.
 */

export class BlockTree {
  readonly parent: number[] = [-1];
  readonly slot: number[] = [0];
  readonly children: number[][] = [[]];

  get size(): number {
    return this.parent.length;
  }

  has(root: number): boolean {
    return Number.isInteger(root) && root >= 0 && root < this.parent.length;
  }

  /** Adds a block and returns its id (root). */
  add(parent: number, slot: number): number {
    const root = this.parent.length;
    this.parent.push(parent);
    this.slot.push(slot);
    this.children.push([]);
    this.children[parent].push(root);
    return root;
  }

  /** get_ancestor(store, root, slot): the block of root's chain at `slot` or the latest before it. */
  ancestorAtSlot(root: number, slot: number): number {
    let r = root;
    while (this.slot[r] > slot) r = this.parent[r];
    return r;
  }

  /** True if `ancestor` is `root` or one of its ancestors. */
  isAncestor(ancestor: number, root: number): boolean {
    return this.ancestorAtSlot(root, this.slot[ancestor]) === ancestor;
  }
}
