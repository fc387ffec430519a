import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
import { PopupContext } from '../../components/popup/popup-context';
import { readingZone } from '../../lib/upcoming';
import { applyDocumentLanguage, uiLocale } from '../../lib/ui/i18n';
import { createPopupModel, eventIdFromHash } from '../../lib/ui/popup-model';
import '../../components/theme.css';
import './style.css';

applyDocumentLanguage();
const timeZone = readingZone();
const model = createPopupModel({ timeZone });
// The skeleton renders at once; the stored data fills it in place (the layout has a fixed size).
render(
  <PopupContext.Provider value={{ model, locale: uiLocale(), timeZone }}>
    <PopupApp />
  </PopupContext.Provider>,
  document.getElementById('app')!,
);
void model.start().then(() => {
  performance.mark('popup-data-loaded');
  // After the first painted frame with data: this opening still shows the "new" markers.
  requestAnimationFrame(() => {
    performance.mark('popup-rendered');
    setTimeout(() => void model.markSeen(), 0);
  });
});
addEventListener('hashchange', () => {
  const id = eventIdFromHash(location.hash);
  if (id) model.openDetail(id);
});
addEventListener('pagehide', () => model.dispose());
