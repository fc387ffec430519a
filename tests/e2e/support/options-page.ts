/** The options page, as a person sets it up: pick the city from the autocomplete, test and add feeds. */
import type { Locator, Page } from 'playwright-core';
import type { ExtensionSession } from './extension';

export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly session: ExtensionSession,
  ) {}

  /** The city field: an ARIA combobox with the gazetteer's suggestions. */
  get cityInput(): Locator {
    return this.page.getByRole('combobox').first();
  }

  /** Types into the city field and picks the suggestion whose text matches `option` (homonyms show region). */
  async chooseCity(query: string, option: string | RegExp): Promise<void> {
    await this.cityInput.click();
    await this.cityInput.fill(query);
    const choice = this.page.getByRole('option', { name: option }).first();
    await choice.waitFor({ state: 'visible', timeout: 15_000 });
    await choice.click();
  }

  /** The field for a feed URL (type=url, or labelled as a feed address). */
  get feedUrlInput(): Locator {
    return this.page.locator('input[type="url"]').first();
  }

  /** Fills the feed URL and presses the "test" button; returns the preview region once it shows. */
  async testFeed(url: string, testButton: string | RegExp = /test|preview|check|tester|vérifier|aperçu/i): Promise<Locator> {
    await this.feedUrlInput.fill(url);
    const form = this.page.locator('form').filter({ has: this.feedUrlInput });
    await form.getByRole('button', { name: testButton }).first().click();
    const preview = this.page.locator('[data-testid="feed-preview"], .feed-preview, [aria-label*="review" i]').first();
    await preview.waitFor({ state: 'visible', timeout: 30_000 });
    return preview;
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
