import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import fi from "./fi.json";
import sv from "./sv.json";

export const LANGUAGES = ["en", "fi", "sv"] as const;
export type Language = (typeof LANGUAGES)[number];

// Shown in each language's own name, so a user can find theirs whatever is selected now.
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fi: "Suomi", sv: "Svenska" };

const STORAGE_KEY = "admin-console.language";

function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? "");
}

function detectLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const base = navigator.language.split("-")[0]?.toLowerCase();
  return isLanguage(base) ? base : "en";
}

export function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language);
  return i18n.changeLanguage(language);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fi: { translation: fi }, sv: { translation: sv } },
  lng: detectLanguage(),
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  // React already escapes text it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

export default i18n;
