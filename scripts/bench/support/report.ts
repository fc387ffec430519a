/** What every benchmark prints the same way: medians, and a figure against its target with PASS/FAIL. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "- PASS within 1.3x of bare ICAL.parse: 1.12x" */
export function verdict(pass: boolean, target: string, measured: string): string {
  return `- ${pass ? 'PASS' : 'FAIL'} ${target}: ${measured}`;
}
