import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role, RolesOverview, UserFilter } from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { SecuritySettingsForm } from "./SecuritySettingsForm";
import { UserDrawer } from "./UserDrawer";
import { useRolesOverview, useUsers } from "./queries";

const ROLES: Role[] = ["service_operator", "account_manager", "channel_manager", "channel_editor", "viewer"];

export function RolesPanel() {
  const { t } = useTranslation();
  const overview = useRolesOverview();
  const [selected, setSelected] = useState<number | null>(null);
  const [settingsFor, setSettingsFor] = useState<number | null>(null);
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.roles")}
      </h1>
      {overview.error && <FormError error={overview.error} fields={[]} />}
      {overview.data?.as_of && <OfflineNote asOf={overview.data.as_of} />}
      {overview.data && (
        <div className="roles-grid">
          <OrgTree overview={overview.data} onSettings={setSettingsFor} />
          <UsersTable onOpen={setSelected} />
          {selected !== null && (
            <UserDrawer userId={selected} overview={overview.data} onClose={() => setSelected(null)} />
          )}
          {settingsFor !== null && (
            <SecuritySettingsForm accountId={settingsFor} onClose={() => setSettingsFor(null)} />
          )}
        </div>
      )}
    </section>
  );
}

function OrgTree({ overview, onSettings }: { overview: RolesOverview; onSettings: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="card" aria-label={t("roles.tree")}>
      <ul className="tree">
        {overview.tree.map((node) => (
          <li key={node.account.id}>
            <span className="tree__account">{node.account.name}</span>
            {overview.as_of === null && overview.administers.includes(node.account.id) && (
              <Button variant="quiet" onClick={() => onSettings(node.account.id)}>
                {t("roles.securitySettings")}
              </Button>
            )}
            <ul>
              {node.channels.map((channel) => (
                <li key={channel.id}>{channel.name}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UsersTable({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const roleId = useId();
  const [filter, setFilter] = useState<UserFilter>({ q: null, role: null, locked: null, blocked: null, after: null });
  const users = useUsers(filter);
  const set = (patch: Partial<UserFilter>) => setFilter({ ...filter, after: null, ...patch });
  return (
    <div className="card roles-users">
      <div className="filters">
        <div className="field">
          <label className="field__label" htmlFor={searchId}>
            {t("roles.search")}
          </label>
          <input
            id={searchId}
            className="field__input"
            type="search"
            value={filter.q ?? ""}
            onChange={(e) => set({ q: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={roleId}>
            {t("roles.role")}
          </label>
          <select
            id={roleId}
            className="field__input"
            value={filter.role ?? ""}
            onChange={(e) => set({ role: (e.target.value || null) as Role | null })}
          >
            <option value="">{t("roles.anyRole")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.names.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <label>
          <input type="checkbox" checked={filter.locked === true} onChange={(e) => set({ locked: e.target.checked || null })} />{" "}
          {t("roles.lockedOnly")}
        </label>
        <label>
          <input type="checkbox" checked={filter.blocked === true} onChange={(e) => set({ blocked: e.target.checked || null })} />{" "}
          {t("roles.blockedOnly")}
        </label>
      </div>
      {users.error && <FormError error={users.error} fields={[]} />}
      <table className="table">
        <thead>
          <tr>
            <th>{t("roles.name")}</th>
            <th>{t("roles.username")}</th>
            <th>{t("roles.roles")}</th>
            <th>{t("roles.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.page.users.map(({ user, assignments }) => (
            <tr key={user.id}>
              <td>
                <Button variant="quiet" onClick={() => onOpen(user.id)}>
                  {user.display_name}
                </Button>
              </td>
              <td>{user.username}</td>
              <td>{[...new Set(assignments.map((a) => t(`roles.names.${a.role}`)))].join(", ")}</td>
              <td>
                {user.status === "blocked"
                  ? t("roles.blocked")
                  : user.locked_until
                    ? t("roles.locked")
                    : t("roles.active")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.data?.page.next_after != null && (
        <Button variant="secondary" onClick={() => set({ after: users.data?.page.next_after ?? null })}>
          {t("roles.nextPage")}
        </Button>
      )}
    </div>
  );
}
