import {
  Badge,
  Checkbox,
  Field as FluentField,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role, User, UserFilter } from "../../bindings";
import { useConsoleState } from "../../app/session";
import { Button } from "../../shared/Button";
import { useTableSize } from "../../shared/density";
import { Drawer } from "../../shared/Drawer";
import { FormError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { LoadError, OfflineNote } from "../../shared/OfflineNote";
import { EmptyState, TableSkeleton } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
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
  const [selected, setSelected] = useState<{ id: number; name: string } | null>(null);
  const [settingsFor, setSettingsFor] = useState<number | null>(null);
  const [scope, setScope] = useState<TreeScope | null>(null);
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.roles")}
      </h1>
      {overview.error && (
        <LoadError error={overview.error}>
          <FormError error={overview.error} fields={[]} />
        </LoadError>
      )}
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
              userId={selected.id}
              name={selected.name}
              overview={overview.data}
              selfId={selfId}
              onClose={() => setSelected(null)}
            />
          )}
          {settingsFor !== null && (
            <Drawer
              title={
                overview.data.value.tree.length > 1
                  ? `${t("roles.securitySettings")}: ${scopeName({ level: "account", id: settingsFor }, overview.data.value.tree, "")}`
                  : t("roles.securitySettings")
              }
              onClose={() => setSettingsFor(null)}
            >
              <SecuritySettingsForm accountId={settingsFor} />
              <IdentityProviders accountId={settingsFor} />
            </Drawer>
          )}
        </div>
      )}
    </section>
  );
}

type UsersTableProps = {
  scope: TreeScope | null;
  scopeLabel: string | null;
  onClearScope: () => void;
  onOpen: (user: { id: number; name: string }) => void;
};

function UsersTable({ scope, scopeLabel, onClearScope, onOpen }: UsersTableProps) {
  const { t } = useTranslation();
  const size = useTableSize();
  // The drawer gives focus back to the name that opened it.
  const restoreFocus = useRestoreFocusTarget();
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
  const rows = users.data?.value.users;
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
      <div className="filters roles-filters">
        <Field
          label={t("roles.search")}
          type="search"
          value={filter.q ?? ""}
          onChange={(e) => set({ q: e.target.value || null })}
        />
        <FluentField label={t("roles.role")}>
          <Select value={filter.role ?? ""} onChange={(_, data) => set({ role: (data.value || null) as Role | null })}>
            <option value="">{t("roles.anyRole")}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.names.${role}`)}
              </option>
            ))}
          </Select>
        </FluentField>
        <Checkbox
          label={t("roles.lockedOnly")}
          checked={filter.locked === true}
          onChange={(_, data) => set({ locked: data.checked === true || null })}
        />
        <Checkbox
          label={t("roles.blockedOnly")}
          checked={filter.blocked === true}
          onChange={(_, data) => set({ blocked: data.checked === true || null })}
        />
      </div>
      {users.error && <FormError error={users.error} fields={[]} />}
      {!rows && users.isPending && <TableSkeleton columns={4} label={t("roles.loadingUsers")} />}
      {rows && rows.length === 0 && <EmptyState title={t("roles.noUsers")} next={t("roles.noUsersNext")} />}
      {rows && rows.length > 0 && (
        <TableScroll>
          <Table size={size} aria-label={t("roles.users")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("roles.name")}</TableHeaderCell>
                <TableHeaderCell>{t("roles.username")}</TableHeaderCell>
                <TableHeaderCell>{t("roles.roles")}</TableHeaderCell>
                <TableHeaderCell>{t("roles.status")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map(({ user, assignments }) => (
                <TableRow key={user.id}>
                  <TableCell>
                    <Button
                      variant="quiet"
                      {...restoreFocus}
                      onClick={() => onOpen({ id: user.id, name: user.display_name })}
                    >
                      {user.display_name}
                    </Button>
                  </TableCell>
                  <TableCell>{user.username}</TableCell>
                  <TableCell>{[...new Set(assignments.map((a) => t(`roles.names.${a.role}`)))].join(", ")}</TableCell>
                  <TableCell>
                    <UserStatus user={user} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {users.data?.value.next_after != null && (
        <Button variant="secondary" onClick={() => set({ after: users.data?.value.next_after ?? null })}>
          {t("roles.nextPage")}
        </Button>
      )}
    </div>
  );
}

function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.status === "blocked") return <Badge appearance="tint" color="danger">{t("roles.blocked")}</Badge>;
  if (user.locked_until) return <Badge appearance="tint" color="warning">{t("roles.locked")}</Badge>;
  return <Badge appearance="tint" color="success">{t("roles.active")}</Badge>;
}
