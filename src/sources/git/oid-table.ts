// Object ids → their place in a list and a number (a blob's size), kept off the JavaScript heap: the
// ids as raw bytes in one typed array, found through an open-addressing hash table of indexes. It
// holds every blob of a repository (165,000 on git/git, millions on larger ones): a Map of id strings
// costs about 90 bytes per entry on the heap, which every full garbage collection marks again
// (git/git: 1.2 s more collection in a history scan); here 28–40 bytes per entry, none of it traced.

/** Value of each hex digit's character code, -1 for other characters (below 256). */
const NIBBLE = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[97 + i] = 10 + i;
    t[65 + i] = 10 + i;
  }
  return t;
})();

/** Object ids (SHA-1 or SHA-256, one kind per table) in the order added, each with a number. */
export class OidTable {
  /** Bytes per id: 20 (SHA-1) or 32 (SHA-256), set by the first id added. */
  private width = 0;
  private ids = new Uint8Array(0);
  private values = new Float64Array(0);
  /** Index + 1 of the id in each slot; 0 = empty. */
  private slots = new Int32Array(1024);
  private readonly scratch = new Uint8Array(32);
  /** How many ids the table holds. */
  count = 0;

  /**
   * Adds the id written in hex in `text[start, end)` with `value`, unless present (the first one
   * stays). Returns false when the text is not a hex id (of the table's kind).
   */
  addHex(text: Uint8Array, start: number, end: number, value: number): boolean {
    const width = (end - start) / 2;
    if (this.width === 0 && (width === 20 || width === 32)) this.width = width;
    if (width !== this.width) return false;
    for (let i = 0; i < width; i++) {
      const hi = NIBBLE[text[start + 2 * i]!]!;
      const lo = NIBBLE[text[start + 2 * i + 1]!]!;
      if (hi < 0 || lo < 0) return false;
      this.scratch[i] = (hi << 4) | lo;
    }
    if (this.find() !== -1) return true;
    if (this.count === this.values.length) this.grow();
    this.ids.set(this.scratch.subarray(0, width), this.count * width);
    this.values[this.count] = value;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.count - 1);
    return true;
  }

  /** The index of the id `oid` (hex) in the order added, or -1. */
  indexOf(oid: string): number {
    if (oid.length !== this.width * 2) return -1;
    for (let i = 0; i < this.width; i++) {
      const hi = NIBBLE[oid.charCodeAt(2 * i)] ?? -1;
      const lo = NIBBLE[oid.charCodeAt(2 * i + 1)] ?? -1;
      if (hi < 0 || lo < 0) return -1;
      this.scratch[i] = (hi << 4) | lo;
    }
    return this.find();
  }

  /** The value of the id at `index`. */
  value(index: number): number | undefined {
    return index >= 0 && index < this.count ? this.values[index] : undefined;
  }

  /** The index of the id in `scratch`, or -1. */
  private find(): number {
    const mask = this.slots.length - 1;
    for (let s = this.hash(this.scratch, 0) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s]!;
      if (at === 0) return -1;
      if (this.equals(at - 1)) return at - 1;
    }
  }

  private equals(index: number): boolean {
    const base = index * this.width;
    for (let i = 0; i < this.width; i++) if (this.ids[base + i] !== this.scratch[i]) return false;
    return true;
  }

  /** The first four bytes of an id: ids are hashes already, so these are spread evenly. */
  private hash(bytes: Uint8Array, base: number): number {
    return ((bytes[base]! << 24) | (bytes[base + 1]! << 16) | (bytes[base + 2]! << 8) | bytes[base + 3]!) >>> 0;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let s = this.hash(this.ids, index * this.width) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = index + 1;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.values.length * 2);
    const ids = new Uint8Array(capacity * this.width);
    ids.set(this.ids);
    this.ids = ids;
    const values = new Float64Array(capacity);
    values.set(this.values);
    this.values = values;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.count; i++) this.place(i);
  }
}
