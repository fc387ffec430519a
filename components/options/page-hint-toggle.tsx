/**
 * The opt-in for the toolbar hint (lib/background/page-hint.ts). Turning it on asks for every http(s)
 * site, as the first call of the click (browsers only prompt during a user gesture); refused, the setting
 * stays off and the toggle says why. Turning it off gives the sites back.
 *
 * Giving them back can take feeds' own sites with them: Chrome's permissions.remove() revokes every granted
 * origin that the removed patterns contain (its intersection is "patterns contained by both"), and Firefox never
 * recorded a feed origin that was asked for while the broad patterns covered it. So the feeds' origins are
 * asked for again right away, still within the click: Chrome grants them without a prompt (they stay in its
 * granted set after a soft removal); where that fails, the toggle points to the feeds' "Allow access".
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createSitePermissions, sitePatterns, type PermissionsApi } from '../../lib/permissions';
import { PAGE_HINT_ORIGINS } from '../../lib/settings';
import { feedsItem, settingsItem } from '../../lib/storage';
import { t } from '../../lib/ui/i18n';

export type PermissionsLike = PermissionsApi;

type Note = 'denied' | 'missing' | 'feedsLost' | null;

async function saveSetting(on: boolean): Promise<void> {
  const settings = await settingsItem.getValue();
  if (settings.pageFeedHint !== on) await settingsItem.setValue({ ...settings, pageFeedHint: on });
}

/** Gives the broad patterns back, then asks again for the feeds' own sites that went with them. */
export async function giveBackPageAccess(permissions: PermissionsLike): Promise<{ lost: string[] }> {
  const sites = createSitePermissions(() => permissions);
  const removed = sites.remove(PAGE_HINT_ORIGINS);
  const feeds = await feedsItem.getValue();
  await removed;
  const patterns = sitePatterns(feeds.map((feed) => feed.url));
  const held = await Promise.all(patterns.map((pattern) => sites.contains([pattern])));
  const missing = patterns.filter((_, index) => !held[index]);
  if (missing.length === 0) return { lost: [] };
  const regranted = await sites.request(missing);
  return { lost: regranted ? [] : missing };
}

export function PageHintToggle({ permissions = browser.permissions as PermissionsLike }: { permissions?: PermissionsLike }): JSX.Element {
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const sites = useMemo(() => createSitePermissions(() => permissions), [permissions]);

  useEffect(() => {
    let live = true;
    const show = async (value: boolean) => {
      setOn(value);
      // On (an imported file, or the permission taken back in the browser's settings) without the sites.
      const held = value ? await sites.contains(PAGE_HINT_ORIGINS) : true;
      if (live) setNote((current) => (value && !held ? 'missing' : current === 'missing' ? null : current));
    };
    void settingsItem.getValue().then((settings) => show(settings.pageFeedHint === true));
    const stop = settingsItem.watch((settings) => void show(settings?.pageFeedHint === true));
    return () => {
      live = false;
      stop();
    };
  }, [sites]);

  function change(event: Event): void {
    const wanted = (event.currentTarget as HTMLInputElement).checked;
    if (wanted) {
      // First call of the click: the prompt needs the user gesture.
      const asked = sites.request(PAGE_HINT_ORIGINS);
      setBusy(true);
      void asked
        .then(async (granted) => {
          await saveSetting(granted);
          setOn(granted);
          setNote(granted ? null : 'denied');
        })
        .finally(() => setBusy(false));
      return;
    }
    // Also in the click: asking again for the feeds' sites may need the gesture.
    const givenBack = giveBackPageAccess(permissions);
    setBusy(true);
    setOn(false);
    void Promise.all([givenBack, saveSetting(false)])
      .then(([{ lost }]) => setNote(lost.length > 0 ? 'feedsLost' : null))
      .finally(() => setBusy(false));
  }

  return (
    <div class="field page-hint">
      <label class="check">
        <input type="checkbox" checked={on} disabled={busy} onChange={change} aria-describedby="page-hint-explain" />
        {t('pageHintToggle')}
      </label>
      <p id="page-hint-explain" class="hint">
        {t('pageHintExplain')}
      </p>
      {note === 'denied' && (
        <p class="error" role="alert">
          {t('pageHintDenied')}
        </p>
      )}
      {note === 'missing' && (
        <p class="error" role="alert">
          {t('pageHintMissing')}
        </p>
      )}
      {note === 'feedsLost' && (
        <p class="error" role="alert">
          {t('pageHintFeedsLost')}
        </p>
      )}
    </div>
  );
}
