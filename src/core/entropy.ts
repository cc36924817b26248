// Shannon entropy in bits per character. Used as a gate on generic rules and as a finding attribute.

/** Shannon entropy of `s` over its UTF-16 code units, in bits per character (0 for empty). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Entropy rounded to 2 decimals, as stored on findings. */
export function roundedEntropy(s: string): number {
  return Math.round(shannonEntropy(s) * 100) / 100;
}
