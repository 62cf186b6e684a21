import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import shell from "./en/shell.json";

export const LANGUAGES = ["en", "fi", "sv"] as const;
export type Language = (typeof LANGUAGES)[number];

// Shown in each language's own name, so a user can find theirs whatever is selected now.
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fi: "Suomi", sv: "Svenska" };

/**
 * The catalogs come in parts, `<language>/<part>.json`: the shell's English in the start-up
 * chunk, every other part loaded with the screens that show it (issue 18). A part owns its
 * top-level keys outright, so adding one never overwrites another's strings.
 */
export const STRINGS_PARTS = ["shell", "signedOut", "overview", "roles", "activity", "audit", "backups", "maintenance", "uptime", "settings"] as const;
export type StringsPart = (typeof STRINGS_PARTS)[number];

type Strings = Record<string, unknown>;

// The English shell is imported above; leaving it out here keeps it out of a chunk of its own.
const CATALOG = import.meta.glob<Strings>(["./*/*.json", "!./en/shell.json"], { import: "default" });

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

// The parts some screen has asked for: a language switch loads each of them in the new language.
const wanted = new Set<StringsPart>(["shell"]);
const loaded = new Map<string, Promise<void>>([["en/shell", Promise.resolve()]]);
// The language being switched to; a screen that loads meanwhile needs its strings in it too.
let target: Language = "en";

function loadPart(language: Language, part: StringsPart): Promise<void> {
  const file = `${language}/${part}`;
  let done = loaded.get(file);
  if (!done) {
    const load = CATALOG[`./${file}.json`];
    if (!load) throw new Error(`no strings file ${file}.json`);
    done = load().then((strings) => void i18n.addResourceBundle(language, "translation", strings));
    // A failed load (a chunk the webview could not fetch) is tried again next time.
    done.catch(() => loaded.delete(file));
    loaded.set(file, done);
  }
  return done;
}

/** Loads `parts` in the language shown now and in the one being switched to. */
export async function loadStrings(...parts: StringsPart[]): Promise<void> {
  parts.forEach((part) => wanted.add(part));
  const languages = new Set([i18n.language as Language, target]);
  await Promise.all([...languages].flatMap((language) => parts.map((part) => loadPart(language, part))));
}

/** Wraps a lazy import so the module comes in together with the strings it shows. */
export function withStrings<T>(parts: StringsPart[], load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadStrings(...parts)]).then(([module]) => module);
}

/** Loads every part a screen has asked for so far in `language`. */
export function loadLanguage(language: Language): Promise<unknown> {
  return Promise.all([...wanted].map((part) => loadPart(language, part)));
}

async function switchTo(language: Language): Promise<unknown> {
  target = language;
  try {
    await loadLanguage(language);
  } catch (error) {
    target = i18n.language as Language;
    throw error;
  }
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
  resources: { en: { translation: shell } },
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
