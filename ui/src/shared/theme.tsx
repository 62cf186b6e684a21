import { FluentProvider, teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import { useSyncExternalStore, type ReactNode } from "react";
import { ToastHost } from "./toast";

export const THEME_CHOICES = ["system", "light", "dark", "contrast"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type ThemeName = Exclude<ThemeChoice, "system">;

const STORAGE_KEY = "admin-console.theme";
const CHANGED = "admin-console:theme";
// The OS asks for more contrast in two ways: Windows' contrast themes force colours, macOS
// and GNOME raise the contrast preference.
const OS_QUERIES = { dark: "(prefers-color-scheme: dark)", contrast: "(forced-colors: active), (prefers-contrast: more)" };

const THEMES: Record<ThemeName, Theme> = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

function isChoice(value: string | null): value is ThemeChoice {
  return (THEME_CHOICES as readonly (string | null)[]).includes(value);
}

function storedChoice(): ThemeChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return isChoice(value) ? value : "system";
}

/** Settings' override; "system" hands the decision back to the OS. */
export function setThemeChoice(choice: ThemeChoice) {
  if (choice === "system") localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, choice);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  const queries = Object.values(OS_QUERIES).flatMap((query) => window.matchMedia?.(query) ?? []);
  queries.forEach((query) => query.addEventListener("change", onChange));
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    queries.forEach((query) => query.removeEventListener("change", onChange));
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

const matches = (query: string) => window.matchMedia?.(query).matches ?? false;

function resolve(choice: ThemeChoice): ThemeName {
  if (choice !== "system") return choice;
  if (matches(OS_QUERIES.contrast)) return "contrast";
  return matches(OS_QUERIES.dark) ? "dark" : "light";
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, storedChoice);
}

/** The theme drawn now: Settings' choice, or the OS's when there is none. */
export function useThemeName(): ThemeName {
  return useSyncExternalStore(subscribe, () => resolve(storedChoice()));
}

/**
 * Every screen sits in the component library's provider: its tokens are CSS variables on this
 * element (and on the portals dialogs and drawers open in), and the app's own tokens in
 * styles.css are defined from them, so one switch recolours both.
 */
export function ThemeRoot({ children }: { children: ReactNode }) {
  const name = useThemeName();
  return (
    <FluentProvider theme={THEMES[name]} className="theme-root" data-theme={name}>
      <ToastHost>{children}</ToastHost>
    </FluentProvider>
  );
}
