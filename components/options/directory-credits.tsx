/** The About section's credit to the open lists the local groups directory is built from. */
import type { JSX } from 'preact';
import { directoryCredits } from '../../lib/directory/directory-credits';
import { t } from '../../lib/ui/i18n';

export function DirectoryCredits(): JSX.Element {
  return (
    <div class="directory-credits">
      <p>{t('directoryCredits')}</p>
      <ul>
        {directoryCredits().map((credit) => (
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
            )
          </li>
        ))}
      </ul>
    </div>
  );
}
