import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";

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

// English is the fallback and always at hand; the others load when chosen, so the start-up
// chunk carries one language, not three.
const LOADERS: Record<Exclude<Language, "en">, () => Promise<{ default: Record<string, unknown> }>> = {
  fi: () => import("./fi.json"),
  sv: () => import("./sv.json"),
};

export async function loadLanguage(language: Language): Promise<void> {
  if (language === "en" || i18n.hasResourceBundle(language, "translation")) return;
  const { default: strings } = await LOADERS[language]();
  i18n.addResourceBundle(language, "translation", strings);
}

async function switchTo(language: Language): Promise<unknown> {
  await loadLanguage(language);
  return i18n.changeLanguage(language);
}

export function setLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(STORAGE_KEY, language);
  return switchTo(language);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

const detected = detectLanguage();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: "en",
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  // React already escapes text it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** Resolves once the user's language is loaded and chosen; the app renders after it. */
export const languageReady: Promise<unknown> = detected === "en" ? Promise.resolve() : switchTo(detected).catch(() => undefined);

export default i18n;
