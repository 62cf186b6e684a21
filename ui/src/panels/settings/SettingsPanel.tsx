import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { SessionView } from "../../bindings";
import { LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from "../../i18n";
import { ChangeNoticesCard } from "./ChangeNotices";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { DataResidencyCard } from "./DataResidencyCard";
import { DesktopCard } from "./DesktopCard";
import { FeaturesCard } from "./FeaturesCard";
import { UpdatesCard } from "./UpdatesCard";
import "./settings.css";

export function SettingsPanel({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.settings")}
      </h1>
      <div className="settings-grid">
        <div className="settings-column">
          <div className="card">
            <ChangePasswordForm />
          </div>
          <UpdatesCard />
          <DesktopCard />
        </div>
        <div className="settings-column">
          <DataResidencyCard region={session.region} />
          <div className="card">
            <h2 className="card__title">{t("settings.languageTitle")}</h2>
            <LanguageSelect />
          </div>
          <FeaturesCard />
          <ChangeNoticesCard />
        </div>
      </div>
    </section>
  );
}

function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t("settings.language")}
      </label>
      <select
        id={id}
        className="field__input"
        value={i18n.resolvedLanguage}
        onChange={(event) => void setLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
