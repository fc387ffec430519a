/**
 * The list of events grouped by day. Keyboard: one tab stop for the whole list (roving tabindex over the
 * events' main buttons); arrows, Home and End move between events; Enter/Space opens the detail; Tab
 * reaches the focused event's star button. A list of buttons rather than a listbox, because each event
 * holds a second control (the star), which listbox options may not contain.
 */
import { useComputed, useSignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { dayLabel, formatDistance, formatEventTime, type EventTimeText } from '../../lib/format';
import { t } from '../../lib/ui/i18n';
import { isPlacedAtHome } from '../../lib/location/near';
import { venueName, type EventItem } from '../../lib/ui/popup-model';
import { Icon } from '../icons';
import { usePopup } from './popup-context';

/** Rows in the first frame: two screenfuls of the 600 px popup (six rows show), so it paints fast; the rest follow. */
const FIRST_PAINT_ROWS = 12;
/**
 * Rows once the first frame is on screen, and added each time the list is scrolled near its end (or "Show
 * more" is pressed): eight screenfuls. Laying out 150 rows at once cost more than reading 2,000 events; rows
 * further down are added below the visible ones, so nothing on screen moves.
 */
const PAGE = 50;

/**
 * Time texts already formatted in this opening. Intl's formatRange is the costliest step of a row, and every
 * row shown from the popup index renders again when the full data replaces it: same times, same texts.
 */
const timeTexts = new Map<string, EventTimeText>();
function rowTimeText(event: EventItem['event'], timeZone: string, locale: string): EventTimeText {
  const key = `${event.start}|${event.end}|${event.allDay}|${event.timeZone}|${timeZone}|${locale}`;
  let text = timeTexts.get(key);
  if (!text) {
    text = formatEventTime(event, timeZone, locale);
    timeTexts.set(key, text);
  }
  return text;
}

export function placeLine(item: EventItem, locale: string): string {
  const { event } = item;
  const venue = venueName(event);
  const town = event.resolved?.city ?? event.place?.locality ?? null;
  const parts: string[] = [];
  if (venue) parts.push(venue);
  if (town && !parts.some((part) => part.toLowerCase().includes(town.toLowerCase()))) parts.push(town);
  if (item.distanceKm !== null && !(event.online && !event.place && !event.location)) {
    parts.push(formatDistance(item.distanceKm, locale));
  }
  return parts.join(' · ');
}

export function EventTags({ item }: { item: EventItem }): JSX.Element {
  const { event } = item;
  return (
    <span class="tags">
      {event.status === 'cancelled' && <span class="tag tag-cancelled">{t('tagCancelled')}</span>}
      {event.online && <span class="tag tag-online">{t('tagOnline')}</span>}
      {isPlacedAtHome(event) && (
        <span class="tag tag-place" title={t('placeNotGivenTitle', event.resolved?.city ?? '')}>
          {t('tagPlaceNotGiven')}
        </span>
      )}
      {item.isNew && <span class="tag tag-new">{t('tagNew')}</span>}
    </span>
  );
}

function EventRow({
  item,
  active,
  onFocus,
}: {
  item: EventItem;
  active: boolean;
  onFocus: () => void;
}): JSX.Element {
  const { model, locale, timeZone } = usePopup();
  const { event } = item;
  const time = rowTimeText(event, timeZone, locale);
  const cancelled = event.status === 'cancelled';
  const place = placeLine(item, locale);
  return (
    <li class={`event${cancelled ? ' is-cancelled' : ''}${item.isNew ? ' is-new' : ''}`}>
      <button
        type="button"
        class="event-main"
        data-event-id={event.id}
        tabIndex={active ? 0 : -1}
        onFocus={onFocus}
        onClick={() => model.openDetail(event.id)}
      >
        <span class="event-time">
          <span>{time.allDay ? (time.local || t('allDay')) : time.local}</span>
          {time.there && <span class="event-there" title={t('timeThereTitle')}>{time.there}</span>}
        </span>
        <span class="event-body">
          <span class="event-title">
            {cancelled && <span class="visually-hidden">{t('tagCancelled')}: </span>}
            <span class="event-title-text" title={event.title}>
              {event.title}
            </span>
          </span>
          {place && (
            <span class="event-place" title={place}>
              {place}
            </span>
          )}
          <span class="event-meta">
            <span class="event-feed one-line" title={item.feedName}>
              {item.feedName}
            </span>
            <EventTags item={item} />
          </span>
        </span>
      </button>
      <button
        type="button"
        class={`icon-button star${item.starred ? ' is-on' : ''}`}
        aria-pressed={item.starred}
        aria-label={t('starEvent', event.title)}
        tabIndex={active ? 0 : -1}
        onClick={() => void model.toggleStar(event)}
      >
        <Icon name="star" filled={item.starred} />
      </button>
    </li>
  );
}

export function EventList(): JSX.Element {
  const { model, locale } = usePopup();
  const limit = useSignal(FIRST_PAINT_ROWS);
  const activeId = useSignal<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const shown = useComputed(() => {
    let remaining = limit.value;
    const groups = [];
    for (const group of model.groups.value) {
      if (remaining <= 0) break;
      const items = group.items.slice(0, remaining);
      remaining -= items.length;
      groups.push({ ...group, items });
    }
    return groups;
  });
  const total = model.visible.value.length;
  const firstId = shown.value[0]?.items[0]?.event.id ?? null;
  const visibleIds = new Set(shown.value.flatMap((group) => group.items.map((item) => item.event.id)));
  const current = activeId.value !== null && visibleIds.has(activeId.value) ? activeId.value : firstId;

  // The rest of the first page once the first frame is on screen.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (limit.peek() < PAGE) limit.value = PAGE;
    }, 50);
    return () => clearTimeout(timer);
  }, []);

  // Scrolling towards the end brings the next rows before the end is reached; the button stays for keyboards.
  const moreRef = useRef<HTMLButtonElement>(null);
  const hasMore = total > limit.value;
  useEffect(() => {
    const button = moreRef.current;
    if (!hasMore || !button || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && limit.peek() >= PAGE) limit.value += PAGE;
      },
      { root: listRef.current, rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [hasMore]);

  // Back from the detail view: focus returns to the event that was opened.
  useEffect(() => {
    const returnTo = model.returnFocusId.peek();
    model.returnFocusId.value = null;
    if (returnTo === null) return;
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-event-id="${CSS.escape(returnTo)}"]`);
    if (button) {
      activeId.value = returnTo;
      button.focus();
    }
  }, []);

  function onKeyDown(e: KeyboardEvent): void {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('.event-main') ?? []);
    if (!buttons.length) return;
    const index = buttons.findIndex((button) => button === document.activeElement?.closest('li')?.querySelector('.event-main'));
    let next = index;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else next = buttons.length - 1;
    e.preventDefault();
    const target = buttons[next];
    if (target) {
      activeId.value = target.dataset.eventId ?? null;
      target.focus();
    }
  }

  return (
    <div class="event-list" ref={listRef} onKeyDown={onKeyDown} aria-busy={limit.value < PAGE && total > limit.value}>
      {shown.value.map((group) => {
        const headingId = `day-${group.dayKey}`;
        return (
          <section class="day" key={group.dayKey} aria-labelledby={headingId}>
            <h2 class="day-heading" id={headingId}>
              {dayLabel(group.dayKey, model.todayKey.value, locale)}
            </h2>
            <ul class="events" role="list">
              {group.items.map((item) => (
                <EventRow
                  key={item.event.id}
                  item={item}
                  active={item.event.id === current}
                  onFocus={() => {
                    activeId.value = item.event.id;
                  }}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {total > limit.value && (
        <button type="button" class="button subtle show-more" ref={moreRef} onClick={() => (limit.value += PAGE)}>
          {t('showMore', total - limit.value)}
        </button>
      )}
    </div>
  );
}

/** Moves focus into the list (from the search box's ArrowDown). */
export function focusFirstEvent(root: ParentNode = document): boolean {
  const button =
    root.querySelector<HTMLButtonElement>('.event-main[tabindex="0"]') ?? root.querySelector<HTMLButtonElement>('.event-main');
  button?.focus();
  return !!button;
}
