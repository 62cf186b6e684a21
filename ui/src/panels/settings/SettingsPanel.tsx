import { Field, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { SessionView } from "../../bindings";
import { LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from "../../i18n";
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from "../../shared/theme";
import { ChangeNoticesCard } from "./ChangeNotices";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { DataResidencyCard } from "./DataResidencyCard";
import { DesktopCard } from "./DesktopCard";
import { FeaturesCard } from "./FeaturesCard";
import { OfflineCard } from "./OfflineCard";
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
          <OfflineCard />
          <DesktopCard />
        </div>
        <div className="settings-column">
          <DataResidencyCard region={session.region} />
          <ThemeCard />
          <section className="card" aria-labelledby="language-title">
            <h2 className="card__title" id="language-title">
              {t("settings.languageTitle")}
            </h2>
            <LanguageSelect />
          </section>
          <FeaturesCard />
          <ChangeNoticesCard />
        </div>
      </div>
    </section>
  );
}

/** Light, dark or high contrast for this computer; "Follow the system" hands it back to the OS. */
function ThemeCard() {
  const { t } = useTranslation();
  const choice = useThemeChoice();
  return (
    <section className="card" aria-labelledby="theme-title">
      <h2 className="card__title" id="theme-title">
        {t("settings.themeTitle")}
      </h2>
      <RadioGroup
        aria-labelledby="theme-title"
        aria-describedby="theme-hint"
        value={choice}
        onChange={(_, data) => setThemeChoice(data.value as ThemeChoice)}
      >
        {THEME_CHOICES.map((option) => (
          <Radio key={option} value={option} label={t(`settings.theme.${option}`)} />
        ))}
      </RadioGroup>
      <p className="muted" id="theme-hint">
        {t("settings.themeHint")}
      </p>
    </section>
  );
}

function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Field label={t("settings.language")}>
      <Select value={i18n.resolvedLanguage} onChange={(_, data) => void setLanguage(data.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
