// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryCredits } from '../../../components/options/directory-credits';
import { bundledDirectory } from '../../../lib/directory/bundled-directory';
import { directoryCredits } from '../../../lib/directory/directory-credits';
import { installI18n } from '../ui/helpers';
import { manifest } from './fixture-sources';

describe('directory credits', () => {
  it('credits every shipped licensed source with its licence, and no unlicensed one', () => {
    const credits = directoryCredits();
    const shipped = manifest.sources.filter((s) => s.ship && s.licence);
    expect(credits.map((c) => c.name)).toEqual(shipped.map((s) => s.name));
    expect(credits.map((c) => c.name)).not.toContain('Go User Groups (Go wiki)');
    expect(credits.find((c) => c.name === 'OWASP')).toMatchObject({
      url: 'https://owasp.org/chapters/',
      licence: 'CC-BY-SA-4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
    // Every licensed source the shipped directory cites is credited.
    const cited = new Set(bundledDirectory().groups.flatMap((g) => g.sources.filter((s) => s.licence !== null).map((s) => s.name)));
    expect([...cited].sort()).toEqual(credits.map((c) => c.name).sort());
  });

  describe('in the About section', () => {
    let root: HTMLElement;
    afterEach(() => {
      render(null, root);
      root.remove();
    });

    it.each([
      ['en', 'The directory of local groups is built from these open lists:'],
      ['fr', 'L’annuaire des groupes locaux est construit à partir de ces listes ouvertes :'],
    ] as const)('lists the sources with links (%s)', (lang, intro) => {
      installI18n(lang);
      root = document.createElement('div');
      document.body.append(root);
      render(<DirectoryCredits />, root);
      expect(root.querySelector('p')!.textContent).toBe(intro);
      const items = Array.from(root.querySelectorAll('li'));
      expect(items).toHaveLength(directoryCredits().length);
      const rladies = items.find((li) => li.textContent!.startsWith('R-Ladies'))!;
      expect(rladies.textContent).toBe('R-Ladies (CC-BY-4.0)');
      expect(Array.from(rladies.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
        'https://rladies.org/',
        'https://creativecommons.org/licenses/by/4.0/',
      ]);
    });
  });
});
