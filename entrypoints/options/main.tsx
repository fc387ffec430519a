import { render } from 'preact';
import { OptionsApp } from '../../components/options/options-app';
import { OptionsContext } from '../../components/options/options-context';
import { applyDocumentLanguage, t, uiLocale } from '../../lib/ui/i18n';
import { createOptionsModel } from '../../lib/ui/options-model';
import '../../components/theme.css';
import './style.css';

applyDocumentLanguage();
document.title = t('optionsTitle');
const model = createOptionsModel();
render(
  <OptionsContext.Provider value={{ model, locale: uiLocale() }}>
    <OptionsApp />
  </OptionsContext.Provider>,
  document.getElementById('app')!,
);
void model.start();
addEventListener('pagehide', () => model.dispose());
