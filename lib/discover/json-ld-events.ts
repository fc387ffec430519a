/**
 * How many schema.org events a page's JSON-LD blocks hold, found as the feed reader finds them (lib/feeds/html
 * + json-ld: `@graph`, `ItemList`, `mainEntity`, subtypes, IRIs, CMS wrappers), so discovery offers the pages
 * the reader can read. Discovery only needs whether the page is an event source, and roughly how big; reading
 * the events (and dropping those without a usable date) is the reader's job.
 */
import { parseJsonLdBlock } from '../feeds/html';
import { scanJsonLd } from '../feeds/json-ld';

export interface JsonLdEventSummary {
  count: number;
  /** Name of the first event, for a readable candidate title. */
  firstName: string | null;
}

export function countJsonLdEvents(blocks: readonly string[]): JsonLdEventSummary {
  const summary: JsonLdEventSummary = { count: 0, firstName: null };
  for (const block of blocks) {
    let data: unknown;
    try {
      data = parseJsonLdBlock(block);
    } catch {
      continue; // One broken block (a CMS plugin's trailing comma) must not hide the others.
    }
    for (const event of scanJsonLd(data).events) {
      summary.count += 1;
      if (summary.firstName === null && typeof event.name === 'string' && event.name.trim()) summary.firstName = event.name.trim();
    }
  }
  return summary;
}
