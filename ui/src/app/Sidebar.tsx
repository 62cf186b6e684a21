import { useTranslation } from "react-i18next";
import { Logo } from "./AuthLayout";
import { PANEL_IDS, type PanelId } from "./panels";

type SidebarProps = { current: PanelId; onSelect: (panel: PanelId) => void };

export function Sidebar({ current, onSelect }: SidebarProps) {
  const { t } = useTranslation();
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <Logo />
        <span>{t("app.name")}</span>
      </div>
      <nav aria-label={t("shell.mainNav")}>
        <ul className="sidebar__list">
          {PANEL_IDS.map((id) => (
            <li key={id}>
              <a
                className="sidebar__link"
                // A real href keeps link semantics (and middle-click is harmless: it stays in the app).
                href={`#${id}`}
                aria-current={id === current ? "page" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(id);
                }}
              >
                {t(`nav.${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
