import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { documentKindLabel } from '../../shared/contracts/documents';
import { keyStorageLabel } from '../../shared/contracts/requests';
import { applicationStatusLabel, requestStatusLabel } from '../../shared/domain/status';
import en from '../locales/en.json';
import uk from '../locales/uk.json';

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kep-cabinet.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'uk';
  } catch {
    return 'uk';
  }
}

// The Ukrainian labels of statuses, document kinds and key storages are the guide's own words
// and live in src/shared (the server prints them in PDFs and e-mails too): the Ukrainian locale
// takes them from there, so the two can never drift apart. English has its own translations.
const ukResources = {
  ...uk,
  applicationStatus: applicationStatusLabel,
  requestStatus: requestStatusLabel,
  documentKind: documentKindLabel,
  keyStorage: keyStorageLabel,
};

void i18n.use(initReactI18next).init({
  resources: { uk: { translation: ukResources }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'uk',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
});

export default i18n;
