// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../components/options/options-app';
import { OptionsContext } from '../../../components/options/options-context';
import { onMessage, removeAllMessageListeners } from '../../../lib/messages';
import { feedDataItem, feedsItem, settingsItem } from '../../../lib/storage';
import { createOptionsModel, type OptionsModel } from '../../../lib/ui/options-model';
import { seedStorage } from './fixtures';
import { flush, installI18n, makeEvent, makeFeed } from './helpers';

let container: HTMLElement;
let model: OptionsModel | null = null;

beforeEach(() => {
  installI18n('en');
  (fakeBrowser.runtime as any).getManifest = () => ({ version: '0.1.0', manifest_version: 3, name: 'Local Meetups' });
  const permissions = fakeBrowser.permissions as any;
  permissions.contains = async () => true;
  permissions.request = vi.fn(async () => true);
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  model?.dispose();
  model = null;
  removeAllMessageListeners();
});

async function mount(): Promise<OptionsModel> {
  model = createOptionsModel({ searchDelayMs: 1, undoMs: 10_000 });
  render(
    <OptionsContext.Provider value={{ model, locale: 'en-US' }}>
      <OptionsApp />
    </OptionsContext.Provider>,
    container,
  );
  await model.start();
  await flush();
  return model;
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(container.querySelectorAll<T>(selector));
const text = (element: Element | null) => element?.textContent?.replace(/[\u202f\u00a0\u2009]/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('options page', () => {
  it('labels every control', async () => {
    await seedStorage();
    await mount();
    const controls = $$<HTMLInputElement>('input:not([type=file]), select');
    expect(controls.length).toBeGreaterThan(10);
    for (const control of controls) {
      const labelled =
        control.getAttribute('aria-label') ||
        (control.id && container.querySelector(`label[for="${control.id}"]`)) ||
        control.closest('label');
      expect(labelled, control.outerHTML.slice(0, 120)).toBeTruthy();
    }
    // The discovery section may add its own heading between Feeds and Refresh.
    const headings = $$('h2').map(text);
    expect(headings.filter((heading) => ['Where', 'Feeds', 'Refresh and notifications', 'Backup', 'About'].includes(heading))).toEqual([
      'Where',
      'Feeds',
      'Refresh and notifications',
      'Backup',
      'About',
    ]);
  });

  it('city combobox: results with region and country, arrow keys move aria-activedescendant, Enter picks', async () => {
    await seedStorage({ settings: { city: null } });
    onMessage('searchCities', () => [
      { geonameId: 1, name: 'Paris', region: 'Île-de-France', country: 'FR', lat: 48.85, lon: 2.35, timeZone: 'Europe/Paris', population: 2e6 },
      { geonameId: 2, name: 'Paris', region: 'Texas', country: 'US', lat: 33.66, lon: -95.55, timeZone: 'America/Chicago', population: 25000 },
    ]);
    await mount();
    expect(text($('.current-city'))).toBe('No city chosen yet.');
    const input = $<HTMLInputElement>('#city-input')!;
    expect(input.getAttribute('role')).toBe('combobox');
    type(input, 'Paris');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await flush();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect($$('[role=option]').map(text)).toEqual(['Paris Île-de-France, France', 'Paris Texas, United States']);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await flush();
    expect(input.getAttribute('aria-activedescendant')).toBe('city-option-1');
    expect($('#city-option-1')?.getAttribute('aria-selected')).toBe('true');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush(10);
    expect((await settingsItem.getValue()).city?.region).toBe('Texas');
    expect(text($('.current-city'))).toBe('Your city: Paris, Texas, United States');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the radius and saves it', async () => {
    await seedStorage({ settings: { radiusKm: 60 } });
    await mount();
    const slider = $<HTMLInputElement>('#radius')!;
    expect([slider.min, slider.max]).toEqual(['5', '200']);
    expect(text($('output'))).toBe('60 km');
    slider.value = '100';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect(text($('output'))).toBe('100 km');
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    await flush(10);
    expect((await settingsItem.getValue()).radiusKm).toBe(100);
  });

  it('previews a feed (format, count, next three events, errors) before adding it', async () => {
    await seedStorage();
    onMessage('testFeed', () => ({
      ok: true,
      error: null,
      format: 'ical',
      title: 'Nantes JUG',
      eventCount: 12,
      nearCount: 9,
      home: { city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, source: 'learned' },
      next: [
        makeEvent({ id: 'n1', title: 'Java 25' }),
        makeEvent({ id: 'n2', title: 'Quarkus' }),
        makeEvent({ id: 'n3', title: 'Loom' }),
        makeEvent({ id: 'n4', title: 'Fourth' }),
      ],
      warnings: [],
    }));
    await mount();
    type($<HTMLInputElement>('#feed-url')!, 'https://jug.example.org/cal.ics');
    await flush();
    $<HTMLFormElement>('form.add-feed')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush(10);
    expect(text($('.preview p'))).toBe('Format: iCalendar · 12 events');
    expect(text($('[data-testid=preview-near]'))).toBe('9 of them near you (within 60 km of Nantes) · its group meets in Nantes');
    expect($$('.preview-events li').map((li) => text(li).replace(/^.* (PM|AM) /, ''))).toEqual(['Java 25', 'Quarkus', 'Loom']);
    expect($<HTMLInputElement>('#feed-name')!.value).toBe('Nantes JUG');
    expect(text($('.preview .hint'))).toContain('jug.example.org');
  });

  it('a feed\'s home: shown with who set it, changed through a town search, cleared, learned again', async () => {
    const learned = { city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, source: 'learned' as const };
    await seedStorage({ feeds: [makeFeed({ id: 'a', name: 'Rust Nantes', home: learned }), makeFeed({ id: 'b', name: 'Ouest Tech' })] });
    onMessage('searchCities', ({ data }) =>
      data.query === 'Caen'
        ? [{ geonameId: 3029241, name: 'Caen', region: 'Normandy', country: 'FR', lat: 49.18585, lon: -0.35912, timeZone: 'Europe/Paris', population: 105512 }]
        : [],
    );
    const refreshed: string[] = [];
    onMessage('refreshFeed', ({ data }) => {
      refreshed.push(data.feedId);
      return { refreshed: 1, unchanged: 0, failed: 0, skipped: 0 };
    });
    await mount();
    const [homeA, homeB] = $$('[data-testid=feed-home]');
    expect(text(homeA!.querySelector('.feed-home-current'))).toBe('Home town: Nantes, France (learned from its events)');
    expect(text(homeB!.querySelector('.feed-home-current'))).toBe('Home town: none');

    type($<HTMLInputElement>('#home-b')!, 'Caen');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flush();
    const option = homeB!.querySelector<HTMLButtonElement>('.feed-home-results button')!;
    expect(text(option)).toBe('Caen Normandy, France');
    option.click();
    await flush(10);
    expect((await feedsItem.getValue())[1]?.home).toEqual({ city: 'Caen', country: 'FR', lat: 49.18585, lon: -0.35912, source: 'user' });
    expect(text($$('[data-testid=feed-home]')[1]!.querySelector('.feed-home-current'))).toBe('Home town: Caen, France (set by you)');

    const clear = [...$$('[data-testid=feed-home]')[0]!.querySelectorAll('button')].find((b) => text(b) === 'Clear the home town')!;
    clear.click();
    await flush(10);
    expect((await feedsItem.getValue())[0]).toMatchObject({ home: null, learnHome: false });
    const learn = [...$$('[data-testid=feed-home]')[0]!.querySelectorAll('button')].find((b) => text(b) === 'Learn it from the events')!;
    learn.click();
    await flush(10);
    expect((await feedsItem.getValue())[0]).toMatchObject({ home: null, learnHome: true });
    expect(refreshed).toEqual(['a']);
  });

  it('shows a failing feed test as an error and offers no add button', async () => {
    await seedStorage();
    onMessage('testFeed', () => ({ ok: false, error: 'HTTP 404: not found', format: null, title: null, eventCount: 0, next: [], warnings: [] }));
    await mount();
    type($<HTMLInputElement>('#feed-url')!, 'https://example.org/missing.ics');
    $<HTMLFormElement>('form.add-feed')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush(10);
    expect(text($('.preview .error'))).toBe('This feed cannot be used: HTTP 404: not found');
    expect($$('.preview button').length).toBe(0);
  });

  it('asks for the origin inside the Test submit, before the background is asked', async () => {
    await seedStorage();
    const order: string[] = [];
    (fakeBrowser.permissions as any).request = vi.fn(async ({ origins }: { origins: string[] }) => {
      order.push(`request ${origins[0]}`);
      return true;
    });
    onMessage('testFeed', ({ data }) => {
      order.push(`test ${data.url}`);
      return { ok: true, error: null, format: 'ical', title: null, eventCount: 0, next: [], warnings: [] };
    });
    await mount();
    type($<HTMLInputElement>('#feed-url')!, 'webcal://jug.example.org/cal.ics');
    $<HTMLFormElement>('form.add-feed')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(order).toEqual(['request https://jug.example.org/*']);
    await flush(10);
    expect(order).toEqual(['request https://jug.example.org/*', 'test webcal://jug.example.org/cal.ics']);
  });

  it('shows feed errors in the user\'s language (test preview and feed rows)', async () => {
    installI18n('fr');
    await seedStorage({ errorB: 'Server answered 404' });
    const b = await feedDataItem('b').getValue();
    await feedDataItem('b').setValue({ ...b, state: { ...b.state, errorCode: 'httpNotFound', errorParams: { status: 404, host: 'b.example.org' } } });
    onMessage('testFeed', () => ({
      ok: false,
      error: 'Timed out after 20 s',
      errorCode: 'timeout',
      errorParams: { host: 'example.org', seconds: 20 },
      format: null,
      title: null,
      eventCount: 0,
      next: [],
      warnings: [],
    }));
    await mount();
    expect(text($$('.feed')[1]!.querySelector('.error'))).toBe(
      'La dernière actualisation a échoué : Rien à cette adresse sur b.example.org (erreur 404) : vérifiez le lien.',
    );
    type($<HTMLInputElement>('#feed-url')!, 'https://example.org/slow.ics');
    $<HTMLFormElement>('form.add-feed')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush(10);
    expect(text($('.preview .error'))).toBe('Ce flux n’est pas utilisable : example.org n’a pas répondu en 20 secondes.');
  });

  it('feed rows: status, remove with an undo snackbar', async () => {
    await seedStorage({ errorB: 'HTTP 500: server error' });
    await mount();
    const rows = $$('.feed');
    expect(rows.map((row) => text(row.querySelector('.feed-name')))).toEqual(['Rust Nantes', 'Ouest Tech']);
    expect(text(rows[1]!.querySelector('.error'))).toBe('Last refresh failed: HTTP 500: server error');
    expect(text(rows[0]!.querySelector('.feed-status'))).toMatch(/^Refreshed .+ · 5 events$/);
    rows[0]!.querySelector<HTMLButtonElement>('.button.danger')!.click();
    await flush(10);
    expect($$('.feed')).toHaveLength(1);
    expect(text($('.snackbar span'))).toBe('Removed “Rust Nantes”.');
    $<HTMLButtonElement>('.snackbar button')!.click();
    await flush(10);
    expect((await feedsItem.getValue()).map((feed) => feed.id)).toEqual(['a', 'b']);
    expect($('.snackbar')).toBeNull();
  });

  it('lists what is wrong with an imported file', async () => {
    await seedStorage();
    const m = await mount();
    await m.importText('{"format":"local-meetups-settings","version":1,"settings":{"radiusKm":"far"},"feeds":[]}');
    await flush();
    expect(text($('.error-box p'))).toBe('This file was not imported; nothing was changed:');
    expect($$('.error-box li').map(text)).toEqual(['settings.radiusKm has the wrong type.']);
  });

  it('about: version, privacy, GeoNames credit', async () => {
    await seedStorage();
    await mount();
    const about = $$('section').find((section) => text(section.querySelector('h2')) === 'About')!;
    expect(text(about)).toContain('Local Meetups version 0.1.0');
    expect(text(about)).toContain('no data leaves your browser');
    const links = Array.from(about.querySelectorAll('a')).map((link) => link.getAttribute('href'));
    expect(links.slice(0, 2)).toEqual(['https://www.geonames.org/', 'https://creativecommons.org/licenses/by/4.0/']);
    // Then the open lists the groups directory comes from (components/options/directory-credits.tsx).
    expect(links).toContain('https://rladies.org/');
  });
});
