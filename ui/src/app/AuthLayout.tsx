import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Logo } from "./Logo";
import "./sign-in.css";

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
