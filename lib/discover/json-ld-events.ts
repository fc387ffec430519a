/**
 * Counts the schema.org events in a page's JSON-LD blocks, the way pages really embed them: single objects,
 * arrays, `@graph`, `ItemList` of `ListItem`s, mixed with Organization and BreadcrumbList nodes. Discovery
 * only needs to know whether the page itself is an event source (and roughly how big); reading the events is
 * the feed reader's job.
 */

export interface JsonLdEventSummary {
  count: number;
  /** Name of the first event, for a readable candidate title. */
  firstName: string | null;
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

/** Event and its subtypes (SocialEvent, EducationEvent, BusinessEvent…); an EventSeries is not an occurrence. */
function isEventType(type: string): boolean {
  return /Event$/.test(type) && type !== 'EventSeries';
}

export function countJsonLdEvents(blocks: readonly string[]): JsonLdEventSummary {
  const summary: JsonLdEventSummary = { count: 0, firstName: null };
  const seen = new Set<unknown>();

  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as Record<string, unknown>;
    if (typesOf(node).some(isEventType)) {
      summary.count += 1;
      if (summary.firstName === null && typeof node.name === 'string' && node.name.trim()) {
        summary.firstName = node.name.trim();
      }
      return; // an event's sub-events are part of it, not more events on the page
    }
    visit(node['@graph'], depth + 1);
    visit(node.itemListElement, depth + 1);
    visit(node.item, depth + 1);
    visit(node.event, depth + 1);
    visit(node.events, depth + 1);
    visit(node.subEvent, depth + 1);
  };

  for (const block of blocks) {
    const text = block.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '');
    if (!text) continue;
    try {
      visit(JSON.parse(text), 0);
    } catch {
      // One broken block (a CMS plugin's trailing comma) must not hide the others.
    }
  }
  return summary;
}
