/** What counts as an error of the extension in Firefox's output (lines as firefox-esr 153 prints them). */
import { describe, expect, it } from 'vitest';
import { extensionErrors } from './support/firefox';

describe('extensionErrors', () => {
  it.each<[string, string[], number]>([
    ['a console.error of an extension page or the background', ['console.error: "Local Meetups: refresh failed" ({})'], 1],
    [
      'an uncaught error in an extension page',
      ['JavaScript error: moz-extension://11111111-2222-4333-8444-555555555555/options.html, line 1: Error: boom'],
      1,
    ],
    [
      "Firefox's experiment loader, offline",
      [
        'console.error: RSLoader: ',
        '  Failed to retrieve recipes from Remote Settings',
        '  Message: Error: Could not sync nimbus-desktop-experiments: get-exception',
        '  Stack:',
        '    RemoteSettingsSyncError@resource://nimbus/lib/RemoteSettingsExperimentLoader.sys.mjs:1570:5',
        'getRecipesFromCollection@resource://nimbus/lib/RemoteSettingsExperimentLoader.sys.mjs:824:13',
      ],
      0,
    ],
    ['a warning', ['console.warn: "Local Meetups: notification not shown"'], 0],
    ["Firefox's own script errors", ['JavaScript error: resource://gre/modules/PrivateBrowsingUtils.sys.mjs, line 50: TypeError'], 0],
    ['another add-on', ['JavaScript error: moz-extension://aaaaaaaa-2222-4333-8444-555555555555/x.js, line 1: Error'], 0],
  ])('%s', (_, lines, count) => {
    expect(extensionErrors(lines)).toHaveLength(count);
  });
});
