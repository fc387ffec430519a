import { describe, expect, it } from 'vitest';
import { FEED_FOUND_KINDS, FEED_PROBLEM_CODES, httpProblem, problemOfFeedError } from '../../../lib/feed-problem';
import { FEED_PROBLEM_ARGS, feedProblemKey, feedProblemText } from '../../../lib/ui/feed-problem-text';
import { installI18n, loadCatalogue } from './helpers';

const en = loadCatalogue('en');
const fr = loadCatalogue('fr');

/** `$1`…`$9` and named `$NAME$` placeholders, each with its declared `placeholders` entries. */
function placeholdersOf(entry: { message: string; placeholders?: Record<string, { content: string }> }): string {
  const positional = [...entry.message.matchAll(/\$(\d)/g)].map((match) => `$${match[1]}`);
  const named = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => `$${match[1]!.toUpperCase()}$`);
  const declared = Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => `${name.toUpperCase()}=${content}`);
  return [...new Set([...positional, ...named])].sort().concat(declared.sort()).join(' ');
}

describe('catalogues', () => {
  it('every English key exists in French with the same $PLACEHOLDERS$, and no French key is left over', () => {
    const mismatches = Object.entries(en).flatMap(([key, entry]) => {
      const other = fr[key];
      if (!other) return [`${key}: missing in fr`];
      return placeholdersOf(entry as never) === placeholdersOf(other as never) ? [] : [`${key}: ${placeholdersOf(entry as never)} ≠ ${placeholdersOf(other as never)}`];
    });
    expect(mismatches).toEqual([]);
    expect(Object.keys(fr).filter((key) => !(key in en))).toEqual([]);
  });

  it.each(FEED_PROBLEM_CODES)('%s has an English and a French message taking exactly its details', (code) => {
    const key = feedProblemKey(code);
    const wanted = FEED_PROBLEM_ARGS[code].map((_, index) => `$${index + 1}`).join(' ');
    for (const catalogue of [en, fr]) {
      const message = catalogue[key]?.message;
      expect(message, key).toBeTruthy();
      expect(placeholdersOf({ message: message! }), key).toBe(wanted);
    }
    // Chrome refuses message names with anything but letters, digits, _ and @.
    expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it.each(FEED_FOUND_KINDS)('what was found, %s, is named in English and in French (not left in English)', (kind) => {
    const key = `feedFound_${kind}`;
    expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
    expect(en[key]?.message, key).toBeTruthy();
    expect(fr[key]?.message, key).toBeTruthy();
    expect(fr[key]!.message).not.toBe(en[key]!.message);
    for (const catalogue of [en, fr]) expect(placeholdersOf(catalogue[key]!), key).toBe('');
  });
});

describe('feedProblemText', () => {
  const host = 'agenda.example.org';
  it.each([
    [{ code: 'network', params: { host } }, 'Could not reach agenda.example.org.', 'Impossible de joindre agenda.example.org.'],
    [{ code: 'timeout', params: { host, seconds: 20 } }, 'agenda.example.org did not answer within 20 seconds.', 'agenda.example.org n’a pas répondu en 20 secondes.'],
    [httpProblem(404, host), /Nothing at this address on agenda\.example\.org \(error 404\)/, /Rien à cette adresse sur agenda\.example\.org \(erreur 404\)/],
    [httpProblem(401, host), /refused access \(error 401\).*private/, /a refusé l’accès \(erreur 401\).*privé/],
    [httpProblem(503, host), /had a problem \(error 503\)/, /a rencontré un problème \(erreur 503\)/],
    [httpProblem(418, host), /refused the request \(error 418\)/, /a refusé la requête \(erreur 418\)/],
    [{ code: 'permission', params: { host } }, /Not allowed to read agenda\.example\.org yet/, /Lecture de agenda\.example\.org pas encore autorisée/],
    [problemOfFeedError('tooLarge', 'Feed is larger than 5 MB', { limitBytes: 5 * 1024 * 1024 }), 'The feed is larger than 5 MB.', /Le flux dépasse 5\sMo\./],
    [problemOfFeedError('notAFeed', 'This is an RSS feed'), 'No events could be read at this address (This is an RSS feed).', /Aucun événement lisible.*\(This is an RSS feed\)/],
    [problemOfFeedError('empty', 'Empty response'), 'The address sent an empty answer.', 'L’adresse a renvoyé une réponse vide.'],
    [problemOfFeedError('tooDeep', 'Too deeply nested JSON'), /nested too deeply/, /trop profondément imbriqué/],
    [problemOfFeedError('malformed', 'Broken JSON: x'), /damaged.*\(Broken JSON: x\)/, /endommagé.*\(Broken JSON: x\)/],
    // The reader said what it found: named in the user's language, its detail (a link, a title) as it was.
    [
      problemOfFeedError('notAFeed', 'This is an RSS feed: an Atom/RSS feed has no event dates', {}, { kind: 'rss' }),
      'No events could be read at this address (an RSS feed, which gives no event dates).',
      'Aucun événement lisible à cette adresse (un flux RSS, qui ne donne pas de dates d’événements).',
    ],
    [
      problemOfFeedError('notAFeed', 'This is an HTML page with no events in it (…)', {}, { kind: 'htmlCalendarLink', detail: 'https://x.example/a.ics' }),
      'No events could be read at this address (a web page without events, which links to a calendar feed: https://x.example/a.ics).',
      'Aucun événement lisible à cette adresse (une page web sans événements, qui renvoie vers un flux de calendrier : https://x.example/a.ics).',
    ],
    [
      problemOfFeedError('malformed', 'Broken JSON: Unexpected end of JSON input', {}, { kind: 'brokenJson' }),
      'The feed is damaged and cannot be read (broken JSON).',
      'Le flux est endommagé et illisible (du JSON endommagé).',
    ],
    [problemOfFeedError('unsupportedUrl', 'Not a web address'), /Only http, https and webcal/, /Seules les adresses http, https et webcal/],
  ] as const)('%j', (problem, english, french) => {
    const source = { error: 'English fallback', errorCode: problem.code, errorParams: problem.params };
    installI18n('en');
    expect(feedProblemText(source)).toMatch(english);
    installI18n('fr');
    expect(feedProblemText(source)).toMatch(french);
  });

  it.each([
    ['no code (stored before codes existed)', { error: 'Server answered 500' }, 'Server answered 500'],
    ['a code this version does not know', { error: 'Quota exceeded', errorCode: 'quota', errorParams: {} }, 'Quota exceeded'],
    ['a detail missing', { error: 'Could not reach x', errorCode: 'network', errorParams: {} }, 'Could not reach x'],
    ['no error at all', { error: null, errorCode: null }, null],
  ])('falls back to the stored text: %s', (_, source, expected) => {
    installI18n('fr');
    expect(feedProblemText(source)).toBe(expected);
  });
});
