import {
  Alert20Regular,
  Archive20Regular,
  Board20Regular,
  DocumentSearch20Regular,
  HeartPulse20Regular,
  PeopleTeam20Regular,
  Settings20Regular,
  Wrench20Regular,
  type FluentIcon,
} from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";
import { useFeedsSyncedEvents, useUnreadCount } from "../panels/activity/queries";
import { Logo } from "./Logo";
import { PANEL_IDS, type PanelId } from "./panels";

const ICONS: Record<PanelId, FluentIcon> = {
  overview: Board20Regular,
  roles: PeopleTeam20Regular,
  activity: Alert20Regular,
  auditLog: DocumentSearch20Regular,
  backups: Archive20Regular,
  maintenance: Wrench20Regular,
  uptime: HeartPulse20Regular,
  settings: Settings20Regular,
};

type SidebarProps = { current: PanelId; onSelect: (panel: PanelId) => void };

export function Sidebar({ current, onSelect }: SidebarProps) {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  useFeedsSyncedEvents();
  const count = unread.data ?? 0;
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <Logo />
        <span className="sidebar__label">{t("app.name")}</span>
      </div>
      <nav aria-label={t("shell.mainNav")}>
        <ul className="sidebar__list">
          {PANEL_IDS.map((id) => {
            const Icon = ICONS[id];
            return (
              <li key={id} className="sidebar__item">
                <a
                  className="sidebar__link"
                  // A real href keeps link semantics (and middle-click is harmless: it stays in the app).
                  href={`#${id}`}
                  aria-current={id === current ? "page" : undefined}
                  title={t(`nav.${id}`)}
                  onClick={(event) => {
                    event.preventDefault();
                    onSelect(id);
                  }}
                >
                  <Icon className="sidebar__icon" aria-hidden="true" />
                  <span className="sidebar__label">{t(`nav.${id}`)}</span>
                </a>
                {/* Beside the link, not in it, so the link keeps its plain name. */}
                {id === "activity" && count > 0 && (
                  // Drawn as the library's counter badge looks, without its ~14 kB at start-up.
                  <span className="sidebar__count" role="status" aria-label={t("shell.unreadCount", { count })}>
                    {count}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </nav>
    </aside>
  );
}
