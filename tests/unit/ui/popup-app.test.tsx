// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../components/popup/popup-app';
import { PopupContext } from '../../../components/popup/popup-context';
import { removeAllMessageListeners } from '../../../lib/messages';
import { EMPTY_FEED_STATE, feedDataItem, settingsItem, starredItem } from '../../../lib/storage';
import { createPopupModel, type PopupModel } from '../../../lib/ui/popup-model';
import { NANTES, NOW, seedStorage, type SeedOptions } from './fixtures';
import { flush, installI18n, makeEvent } from './helpers';

let container: HTMLElement;
let model: PopupModel | null = null;

beforeEach(() => {
  installI18n('en');
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

async function mount(seed?: SeedOptions | null, locale = 'en-US'): Promise<PopupModel> {
  if (seed !== null) await seedStorage(seed);
  model = createPopupModel({ timeZone: 'Europe/Paris', now: () => NOW, tickMs: 0 });
  render(
    <PopupContext.Provider value={{ model, locale, timeZone: 'Europe/Paris' }}>
      <PopupApp />
    </PopupContext.Provider>,
    container,
  );
  await model.start();
  await flush();
  return model;
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(container.querySelectorAll<T>(selector));
const text = (element: Element | null) => element?.textContent?.replace(/[\u202f\u00a0\u2009]/g, ' ').trim() ?? '';
const key = (target: EventTarget, keyName: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true }));

describe('popup', () => {
  it('shows a skeleton of fixed size before the data, then the events grouped by day', async () => {
    await seedStorage();
    model = createPopupModel({ timeZone: 'Europe/Paris', now: () => NOW, tickMs: 0 });
    render(
      <PopupContext.Provider value={{ model, locale: 'en-US', timeZone: 'Europe/Paris' }}>
        <PopupApp />
      </PopupContext.Provider>,
      container,
    );
    expect($('.skeleton')).not.toBeNull();
    expect($('main')?.getAttribute('aria-busy')).toBe('true');
    await model.start();
    await flush();
    expect($('.skeleton')).toBeNull();
    expect($$('.day-heading').map(text)).toEqual([
      'Today',
      'Tomorrow',
      'Friday, November 27',
      'Saturday, November 28',
      'Thursday, December 10',
    ]);
    const first = $$('.event')[0]!;
    expect(text(first.querySelector('.event-title'))).toBe('Rust Nantes #12');
    expect(text(first.querySelector('.event-time'))).toBe('6:30 – 9:00 PM');
    expect(text(first.querySelector('.event-place'))).toMatch(/^La Cantine · Nantes · \d\.\d km$/);
    expect(text(first.querySelector('.event-feed'))).toBe('Rust Nantes');
  });

  it('labels cancelled, online and new events, and shows both times for another zone', async () => {
    await mount();
    const rows = $$('.event');
    const cancelled = rows.find((row) => row.textContent?.includes('Apéro JS'))!;
    expect(cancelled.classList.contains('is-cancelled')).toBe(true);
    expect(text(cancelled.querySelector('.tag-cancelled'))).toBe('Cancelled');
    const online = rows.find((row) => row.textContent?.includes('Remote Python'))!;
    expect(text(online.querySelector('.tag-online'))).toBe('Online');
    expect(text(online.querySelector('.event-time'))).toBe('8:00 – 9:00 PM2:00 – 3:00 PM EST');
    // Seen: the first; cancelled: never new (the badge does not count it either).
    expect($$('.tag-new')).toHaveLength(3);
    expect(rows[0]!.querySelector('.tag-new')).toBeNull();
    expect(cancelled.querySelector('.tag-new')).toBeNull();
    expect(text($('.new-count'))).toBe('3 new');
    const allDay = rows.find((row) => row.textContent?.includes('DevFest'))!;
    expect(text(allDay.querySelector('.event-time'))).toBe('Dec 10 – 11');
  });

  it.each([
    ['en', 'Place not given'],
    ['fr', 'Lieu non précisé'],
  ] as const)('marks an event shown at its feed\'s home "place not given" in the list and the detail (%s)', async (lang, label) => {
    installI18n(lang);
    await seedStorage();
    // As the resolver leaves it: a venue name only, put at the group's town.
    const atHome = makeEvent({
      id: 'a|at-home|2026-11-25T18:00:00Z',
      feedId: 'a',
      title: 'Rust Nantes: apéro',
      start: '2026-11-25T18:00:00Z',
      end: '2026-11-25T20:00:00Z',
      location: 'Salle 2',
      resolved: { source: 'feed', city: 'Nantes', country: 'FR', lat: NANTES.lat, lon: NANTES.lon, distanceKm: 0, online: false, inPerson: true },
    });
    const data = await feedDataItem('a').getValue();
    await feedDataItem('a').setValue({ ...data, events: [...data.events, atHome] });
    await mount(null);
    const row = $$('.event').find((li) => li.textContent?.includes('Rust Nantes: apéro'))!;
    expect(text(row.querySelector('.tag-place'))).toBe(label);
    expect(text(row.querySelector('.event-place'))).toMatch(/^Salle 2 · Nantes/);
    // Events that give their place carry no such mark.
    expect($$('.tag-place')).toHaveLength(1);
    row.querySelector<HTMLButtonElement>('.event-main')!.click();
    await flush();
    expect(text($('.detail-scroll .tag-place'))).toBe(label);
  });

  it('moves through events with the arrow keys (one tab stop), opens with a click, closes with Escape', async () => {
    await mount();
    const buttons = $$<HTMLButtonElement>('.event-main');
    expect(buttons.map((button) => button.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    buttons[0]!.focus();
    key(buttons[0]!, 'ArrowDown');
    await flush();
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons[1]!.tabIndex).toBe(0);
    key(buttons[1]!, 'End');
    expect(document.activeElement).toBe(buttons[4]);
    key(buttons[4]!, 'Home');
    expect(document.activeElement).toBe(buttons[0]);

    buttons[1]!.click();
    await flush();
    const dialog = $('[role="dialog"]')!;
    expect(text(dialog.querySelector('h2'))).toBe('Apéro JS');
    expect(document.activeElement).toBe(dialog.querySelector('h2'));
    key(document.activeElement!, 'Escape');
    await flush();
    expect($('[role="dialog"]')).toBeNull();
    expect((document.activeElement as HTMLElement).dataset.eventId).toBe('cancelled');
  });

  it('focuses the search with "/" and filters as one types', async () => {
    await mount();
    key(document.body, '/');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const search = $<HTMLInputElement>('.search-input')!;
    expect(document.activeElement).toBe(search);
    search.value = 'craft';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    expect($$('.event-title').map(text)).toEqual(['Café Craft']);
  });

  it('renders descriptions as text and never links a non-http URL', async () => {
    await seedStorage();
    await feedDataItem('a').setValue({
      state: EMPTY_FEED_STATE,
      events: [
        makeEvent({
          id: 'evil',
          feedId: 'a',
          title: 'Injection night',
          start: '2026-11-24T18:00:00Z',
          url: 'javascript:alert(1)',
          description: '<img src=x onerror=alert(1)>\nSecond line',
          resolved: { source: 'address', city: 'Nantes', country: 'FR', lat: 47.21, lon: -1.55, distanceKm: null },
        }),
      ],
    });
    await mount(null);
    $$<HTMLButtonElement>('.event-main').find((button) => button.textContent?.includes('Injection'))!.click();
    await flush();
    const description = $('.detail-description')!;
    expect(description.textContent).toBe('<img src=x onerror=alert(1)>\nSecond line');
    expect(container.querySelector('img')).toBeNull();
    expect($$<HTMLAnchorElement>('a').every((link) => /^https:\/\//.test(link.href))).toBe(true);
    expect($$('a').map(text)).not.toContain('Event page');
  });

  it.each([
    ['en', 'From Ouest Tech', 'Also on Rust Nantes'],
    ['fr', 'Source : Ouest Tech', 'Aussi sur Rust Nantes'],
  ] as const)('shows a meetup two feeds publish once, its detail linking to the other source (%s)', async (lang, from, also) => {
    installI18n(lang);
    await seedStorage();
    const near = { source: 'address' as const, city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, distanceKm: null };
    const own = makeEvent({ id: 'own', feedId: 'a', title: 'Rust Nantes #13', start: '2026-11-26T18:00:00Z', description: 'Talks.', url: 'https://www.meetup.com/rust-nantes/events/1/', resolved: near });
    const copy = makeEvent({ id: 'copy', feedId: 'b', title: '[Ouest Tech] Rust Nantes #13', start: '2026-11-26T18:00:00Z', description: 'Two talks on async Rust.', url: 'https://ouest.example.org/e/13', resolved: near });
    await feedDataItem('a').setValue({ state: { ...EMPTY_FEED_STATE, synced: true }, events: [own] });
    await feedDataItem('b').setValue({ state: { ...EMPTY_FEED_STATE, synced: true }, events: [copy] });
    await mount(null, lang === 'en' ? 'en-US' : 'fr');
    const rows = $$<HTMLButtonElement>('.event-main').filter((button) => button.textContent?.includes('Rust Nantes #13'));
    expect(rows).toHaveLength(1);
    rows[0]!.click();
    await flush();
    expect(text($('.detail-feed'))).toBe(from);
    expect(text($('.detail-also'))).toBe(also);
    expect($<HTMLAnchorElement>('.detail-also a')!.href).toBe('https://www.meetup.com/rust-nantes/events/1/');
    expect(text($('.detail-description'))).toBe('Two talks on async Rust.');
  });

  it('offers the event page, calendar, Google and map links in the detail', async () => {
    await mount();
    $$<HTMLButtonElement>('.event-main')[0]!.click();
    await flush();
    const links = $$<HTMLAnchorElement>('.detail-actions a');
    expect(links.map((link) => [text(link), new URL(link.href).host])).toEqual([
      ['Event page', 'example.org'],
      ['Google Calendar', 'calendar.google.com'],
      ['Map', 'www.openstreetmap.org'],
    ]);
    links.forEach((link) => expect(link.rel).toContain('noopener'));
    const createObjectURL = vi.fn(() => 'blob:ics');
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL: revoke });
    const clicks: string[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    $$<HTMLButtonElement>('.detail-actions button')[0]!.click();
    expect(clicks).toEqual(['rust-nantes-12.ics']);
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(await blob.text()).toContain('SUMMARY:Rust Nantes #12');
    spy.mockRestore();
  });

  it('stars from the list', async () => {
    await mount();
    const star = $$<HTMLButtonElement>('.event .star')[0]!;
    expect(star.getAttribute('aria-pressed')).toBe('false');
    expect(star.getAttribute('aria-label')).toBe('Star “Rust Nantes #12”');
    star.click();
    await flush(10);
    expect(Object.keys(await starredItem.getValue())).toEqual(['tonight']);
    expect($$<HTMLButtonElement>('.event .star')[0]!.getAttribute('aria-pressed')).toBe('true');
  });

  it('lists failing feeds one line each', async () => {
    await mount({ errorB: 'HTTP 404: not found' });
    expect($$('.feed-errors li').map(text)).toEqual(['Ouest Tech: HTTP 404: not found']);
  });

  it('first run: a button to the options page', async () => {
    const openOptionsPage = vi.fn(async () => undefined);
    (fakeBrowser.runtime as any).openOptionsPage = openOptionsPage;
    await mount({ feeds: [], settings: { city: null } });
    expect(text($('.empty-title'))).toBe('Welcome to Local Meetups');
    $<HTMLButtonElement>('.empty .button')!.click();
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });

  it('no events near: widens the radius in one click', async () => {
    await mount({ settings: { radiusKm: 25, includeOnline: false, city: { geonameId: 1, name: 'Ancenis', region: null, country: 'FR', lat: 47.365, lon: -1.177, timeZone: 'Europe/Paris' } } });
    expect(text($('.empty-title'))).toBe('No upcoming events near you');
    expect(text($('.empty-text'))).toBe('Nothing within 25 km of Ancenis in your feeds.');
    const widen = $<HTMLButtonElement>('.empty .button')!;
    expect(text(widen)).toBe('Widen to 50 km');
    widen.click();
    await flush(10);
    expect((await settingsItem.getValue()).radiusKm).toBe(50);
    expect($$('.event').length).toBeGreaterThan(0);
  });

  it('speaks French', async () => {
    installI18n('fr');
    await mount(undefined, 'fr');
    expect($$('.day-heading').map(text).slice(0, 3)).toEqual(['Aujourd’hui', 'Demain', 'Vendredi 27 novembre']);
    expect(text($$('.event-time')[0]!)).toBe('18:30 – 21:00');
    expect(text($('.status'))).toBe('Mis à jour il y a 10 minutes');
    expect(text($('.new-count'))).toBe('3 nouveaux');
  });

  it('opens the detail named in #event=', async () => {
    history.replaceState(null, '', '#event=saint-nazaire');
    await mount();
    expect(text($('[role="dialog"] h2'))).toBe('Café Craft');
    history.replaceState(null, '', '#');
  });
});
