/**
 * One event in full: when, where, the actions (page, star, calendar, map) and the description as plain
 * text. Escape or "Back" returns to the list, with focus back on the event.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { safeHttpUrl } from '../../lib/events';
import { dayLabel, formatDistance, formatEventTime } from '../../lib/format';
import { eventLocationText, eventToIcs, googleCalendarUrl, icsFileName, openStreetMapUrl } from '../../lib/ics-export';
import { feedLabel } from '../../lib/host-name';
import { t } from '../../lib/ui/i18n';
import { eventPageUrl, type EventItem } from '../../lib/ui/popup-model';
import { Icon } from '../icons';
import { EventTags } from './event-list';
import { usePopup } from './popup-context';

/** Saves one event as an .ics file: a Blob link clicked once, then released. */
export function downloadIcs(item: EventItem, doc: Document = document): void {
  const blob = new Blob([eventToIcs(item.event, { now: Date.now() })], { type: 'text/calendar;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = icsFileName(item.event);
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The other feeds that publish this meetup, each linking to its own page of it. */
function AlsoOn({ item }: { item: EventItem }): JSX.Element {
  const { model } = usePopup();
  return (
    <p class="detail-also muted">
      {t('alsoOn')}{' '}
      {item.sources.slice(1).map((source, i) => {
        const feed = model.feedsById.value.get(source.feedId);
        const name = feed ? feedLabel(feed) : source.feedId;
        const url = eventPageUrl(source);
        return (
          <span key={source.id}>
            {i > 0 && ', '}
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {name}
              </a>
            ) : (
              name
            )}
          </span>
        );
      })}
    </p>
  );
}

export function EventDetail({ item }: { item: EventItem }): JSX.Element {
  const { model, locale, timeZone } = usePopup();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { event } = item;
  const time = formatEventTime(event, timeZone, locale);
  const pageUrl = eventPageUrl(event);
  const onlineUrl = safeHttpUrl(event.onlineUrl);
  const mapUrl = openStreetMapUrl(event);
  const where = eventLocationText(event);
  const cancelled = event.status === 'cancelled';

  useEffect(() => {
    headingRef.current?.focus();
  }, [event.id]);

  return (
    <section class="detail" role="dialog" aria-labelledby="detail-title" aria-describedby="detail-when">
      <div class="detail-bar">
        <button type="button" class="button subtle" onClick={() => model.closeDetail()}>
          <Icon name="back" /> {t('back')}
        </button>
        <button
          type="button"
          class={`icon-button star${item.starred ? ' is-on' : ''}`}
          aria-pressed={item.starred}
          aria-label={t('starEvent', event.title)}
          onClick={() => void model.toggleStar(event)}
        >
          <Icon name="star" filled={item.starred} />
        </button>
      </div>
      <div class="detail-scroll">
        <h2 id="detail-title" class={`detail-title${cancelled ? ' is-cancelled' : ''}`} tabIndex={-1} ref={headingRef}>
          {event.title}
        </h2>
        <EventTags item={item} />
        <p id="detail-when" class="detail-when">
          {dayLabel(item.dayKey, model.todayKey.value, locale)}
          {' · '}
          {time.allDay ? (time.local || t('allDay')) : time.local}
          {time.there && (
            <span class="detail-there">
              {' '}
              ({t('timeThere', time.there)})
            </span>
          )}
        </p>
        {where && (
          <p class="detail-where">
            {where}
            {item.distanceKm !== null && <span class="muted"> · {formatDistance(item.distanceKm, locale)}</span>}
          </p>
        )}
        <p class="detail-feed muted">{t('fromFeed', item.feedName)}</p>
        {item.sources.length > 1 && <AlsoOn item={item} />}
        <div class="detail-actions">
          {pageUrl && (
            <a class="button primary" href={pageUrl} target="_blank" rel="noopener noreferrer">
              <Icon name="external" /> {t('openEventPage')}
            </a>
          )}
          {onlineUrl && onlineUrl !== pageUrl && (
            <a class="button" href={onlineUrl} target="_blank" rel="noopener noreferrer">
              <Icon name="video" /> {t('joinOnline')}
            </a>
          )}
          <button type="button" class="button" onClick={() => downloadIcs(item)}>
            <Icon name="calendar" /> {t('addToCalendar')}
          </button>
          <a class="button" href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer">
            {t('googleCalendar')}
          </a>
          {mapUrl && (
            <a class="button" href={mapUrl} target="_blank" rel="noopener noreferrer">
              <Icon name="map" /> {t('openMap')}
            </a>
          )}
        </div>
        {event.description ? (
          <p class="detail-description">{event.description}</p>
        ) : (
          <p class="muted">{t('noDescription')}</p>
        )}
      </div>
    </section>
  );
}
