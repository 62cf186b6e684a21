import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The frame of the screens shown before a session exists. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth">
      <header className="auth__header">
        <Logo />
        <h1 className="auth__title">{t("app.name")}</h1>
        <p className="auth__tagline">{t("welcome.tagline")}</p>
      </header>
      {children}
    </main>
  );
}

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M9 22V12l7-4 7 4v10l-7 4z" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
      <path d="M16 16v10M9 12l7 4 7-4" fill="none" stroke="var(--accent-contrast)" strokeWidth="2" />
    </svg>
  );
}
