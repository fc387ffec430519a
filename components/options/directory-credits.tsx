/** The About section's credit to the open lists the local groups directory is built from. */
import type { JSX } from 'preact';
import { bundledDirectory } from '../../lib/directory/bundled-directory';
import { directoryCredits } from '../../lib/directory/directory-credits';
import { t, tn } from '../../lib/ui/i18n';

export function DirectoryCredits(): JSX.Element {
  const credits = directoryCredits(bundledDirectory());
  return (
    <div class="directory-credits">
      <p>{t('directoryCredits')}</p>
      <ul>
        {credits.map((credit) => (
          <li key={credit.name}>
            <a href={credit.url} target="_blank" rel="noopener noreferrer">
              {credit.name}
            </a>{' '}
            (
            {credit.licenceUrl ? (
              <a href={credit.licenceUrl} target="_blank" rel="noopener noreferrer">
                {credit.licence}
              </a>
            ) : (
              credit.licence
            )}
            ): {tn('directoryCreditsGroups', credit.groups)}
          </li>
        ))}
      </ul>
    </div>
  );
}
