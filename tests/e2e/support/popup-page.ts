/** The popup, as a person uses it: read the day groups, search, filter, star, open an event, download it. */
import type { Download, Locator, Page } from 'playwright-core';
import type { ExtensionSession } from './extension';

export interface ShownEvent {
  title: string;
  /** The time column as displayed ("18:30 – 21:00"). */
  time: string;
  place: string;
  feed: string;
  tags: string[];
  cancelled: boolean;
  starred: boolean;
}

export interface ShownDay {
  heading: string;
  events: ShownEvent[];
}

export class PopupPage {
  constructor(
    readonly page: Page,
    readonly session: ExtensionSession,
  ) {}

  /** The day sections (each labelled by its heading) and their event rows. */
  get days(): Locator {
    return this.page.locator('main section[aria-labelledby]');
  }

  eventRow(title: string | RegExp): Locator {
    return this.page.getByRole('listitem').filter({ hasText: title });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox');
  }

  /** Waits until the list shows at least one event (stored data rendered). */
  async waitForEvents(timeout = 15_000): Promise<void> {
    await this.page.locator('main li button[data-event-id]').first().waitFor({ state: 'visible', timeout });
    // The first frame paints from the popup index and a few rows; the full list follows: wait for all of it.
    await this.page.locator('main[aria-busy="false"]').waitFor({ state: 'attached', timeout });
    await this.page.locator('main [aria-busy="true"]').waitFor({ state: 'detached', timeout });
  }

  async waitForText(text: string | RegExp, timeout = 15_000): Promise<void> {
    await this.page.getByText(text).first().waitFor({ state: 'visible', timeout });
  }

  /** Everything the list shows, in order, read from the DOM by structure (section > heading + list items). */
  async shownDays(): Promise<ShownDay[]> {
    // Test-only (vitest): under tsx, esbuild's keepNames would wrap `clean` in a `__name` the page lacks.
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('main section[aria-labelledby]')).map((section) => {
        const clean = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return {
          heading: clean(document.getElementById(section.getAttribute('aria-labelledby') ?? '')),
          events: Array.from(section.querySelectorAll('li')).map((li) => {
            const main = li.querySelector('button[data-event-id]');
            const star = li.querySelector('button[aria-pressed]');
            return {
              title: clean(li.querySelector('.event-title-text') ?? li.querySelector('.event-title')),
              time: clean(li.querySelector('.event-time')),
              place: clean(li.querySelector('.event-place')),
              feed: clean(li.querySelector('.event-feed')),
              tags: Array.from(li.querySelectorAll('.tag')).map((tag) => clean(tag)),
              cancelled: li.classList.contains('is-cancelled') || !!main?.closest('.is-cancelled'),
              starred: star?.getAttribute('aria-pressed') === 'true',
            };
          }),
        };
      }),
    );
  }

  async shownTitles(): Promise<string[]> {
    return (await this.shownDays()).flatMap((day) => day.events.map((event) => event.title));
  }

  async openEvent(title: string | RegExp): Promise<void> {
    await this.eventRow(title).locator('button[data-event-id]').click();
    await this.page.getByRole('dialog').waitFor({ state: 'visible' });
  }

  async back(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  async toggleStar(title: string | RegExp): Promise<void> {
    await this.eventRow(title).locator('button[aria-pressed]').click();
  }

  /** Clicks the detail view's "Add to calendar" and returns the download. */
  async downloadIcs(buttonName: string | RegExp = /add to calendar|ajouter à l’agenda|ajouter au calendrier|agenda/i): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('dialog').getByRole('button', { name: buttonName }).click(),
    ]);
    return download;
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
