/** The options page, as a person sets it up: pick the city from the autocomplete, preview and add feeds. */
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

  /** The options of the listbox the combobox controls (not the <option>s of the page's selects). */
  get suggestions(): Locator {
    return this.page.getByRole('listbox').getByRole('option');
  }

  /** Types a town name and returns the suggestions' texts once they answer this query (homonyms carry region/country). */
  async typeCity(query: string): Promise<string[]> {
    await this.cityInput.fill(query);
    const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const texts = await this.suggestions.allTextContents();
      if (texts.length > 0 && fold(texts[0]!).includes(fold(query))) return texts;
      if (Date.now() > deadline) throw new Error(`no suggestions for "${query}" (showing ${JSON.stringify(texts)})`);
      await this.page.waitForTimeout(100);
    }
  }

  async pickSuggestion(index: number): Promise<void> {
    await this.suggestions.nth(index).click();
  }

  /** The feed address field (type=url). */
  get feedUrlInput(): Locator {
    return this.page.locator('input[type="url"]').first();
  }

  /** Types a feed address and submits it for a preview (the page asks the background to test it). */
  async previewFeed(url: string): Promise<void> {
    await this.feedUrlInput.fill(url);
    await this.feedUrlInput.press('Enter');
  }

  /** Confirms the previewed feed with the form's "Add" button. */
  async addPreviewedFeed(): Promise<void> {
    await this.page.getByRole('button', { name: /^\s*add( feed)?\s*$/i }).click();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
