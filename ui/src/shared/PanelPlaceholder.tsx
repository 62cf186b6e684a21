import { useTranslation } from "react-i18next";

export function PanelPlaceholder({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {title}
      </h1>
      <div className="placeholder">
        <p className="placeholder__lead">{t("panels.notBuilt", { panel: title })}</p>
        <p className="placeholder__text">{description}</p>
      </div>
    </section>
  );
}
