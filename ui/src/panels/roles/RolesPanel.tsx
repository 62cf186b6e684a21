import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role, UserFilter } from "../../bindings";
import { useConsoleState } from "../../app/session";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { IdentityProviders } from "./IdentityProviders";
import { OrgTree, type TreeScope } from "./OrgTree";
import { SecuritySettingsForm } from "./SecuritySettingsForm";
import { UserDrawer } from "./UserDrawer";
import { scopeName } from "./names";
import { useRolesOverview, useUsers } from "./queries";
import "./roles.css";


const ROLES: Role[] = ["service_operator", "account_manager", "channel_manager", "channel_editor", "viewer"];

export function RolesPanel() {
  const { t } = useTranslation();
  const overview = useRolesOverview();
  const selfId = useConsoleState().data?.session?.user.id ?? null;
  const [selected, setSelected] = useState<number | null>(null);
  const [settingsFor, setSettingsFor] = useState<number | null>(null);
  const [scope, setScope] = useState<TreeScope | null>(null);
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.roles")}
      </h1>
      {overview.error && <FormError error={overview.error} fields={[]} />}
      {overview.data && <OfflineNote kept={overview.data} />}
      {overview.data && (
        <div className="roles-grid">
          <OrgTree overview={overview.data} selected={scope} onSelect={setScope} onSettings={setSettingsFor} />
          <UsersTable
            scope={scope}
            scopeLabel={scope && scopeName(scope, overview.data.value.tree, "")}
            onClearScope={() => setScope(null)}
            onOpen={setSelected}
          />
          {selected !== null && (
            <UserDrawer
              userId={selected}
              overview={overview.data}
              selfId={selfId}
              onClose={() => setSelected(null)}
            />
          )}
          {settingsFor !== null && (
            <SecuritySettingsForm accountId={settingsFor} onClose={() => setSettingsFor(null)} />
          )}
          {settingsFor !== null && <IdentityProviders accountId={settingsFor} />}
        </div>
      )}
    </section>
  );
}

type UsersTableProps = {
  scope: TreeScope | null;
  scopeLabel: string | null;
  onClearScope: () => void;
  onOpen: (id: number) => void;
};

function UsersTable({ scope, scopeLabel, onClearScope, onOpen }: UsersTableProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const roleId = useId();
  const [filter, setFilter] = useState<Omit<UserFilter, "account_id" | "channel_id">>({
    q: null,
    role: null,
    locked: null,
    blocked: null,
    after: null,
  });
  // A new tree selection starts at the first page; the search and filters stay.
  const scopeKey = scope ? `${scope.level}:${scope.id}` : "all";
  const [pagedScope, setPagedScope] = useState(scopeKey);
  if (pagedScope !== scopeKey) {
    setPagedScope(scopeKey);
    setFilter({ ...filter, after: null });
  }
  const users = useUsers({
    ...filter,
    account_id: scope?.level === "account" ? scope.id : null,
    channel_id: scope?.level === "channel" ? scope.id : null,
  });
  const set = (patch: Partial<UserFilter>) => setFilter({ ...filter, after: null, ...patch });
  return (
    <div className="card roles-users">
      {scope && (
        <p role="status" className="scope-filter">
          {t(scope.level === "account" ? "roles.scopeAccount" : "roles.scopeChannel", { name: scopeLabel })}{" "}
          <Button variant="quiet" onClick={onClearScope}>
            {t("roles.clearScope")}
          </Button>
        </p>
      )}
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
          {users.data?.value.users.map(({ user, assignments }) => (
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
      {users.data?.value.next_after != null && (
        <Button variant="secondary" onClick={() => set({ after: users.data?.value.next_after ?? null })}>
          {t("roles.nextPage")}
        </Button>
      )}
    </div>
  );
}
