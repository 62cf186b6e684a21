import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Kept, RolesOverview, Scope } from "../../bindings";
import { Button } from "../../shared/Button";

/** What the org tree selects: a whole account or one channel; the table follows. */
export type TreeScope = Extract<Scope, { level: "account" | "channel" }>;

type Row = { key: string; scope: TreeScope; name: string; parent: string | null; children: boolean };

const keyOf = (scope: TreeScope) => `${scope.level}:${String(scope.id)}`;

type OrgTreeProps = {
  overview: Kept<RolesOverview>;
  selected: TreeScope | null;
  onSelect: (scope: TreeScope) => void;
  onSettings: (id: number) => void;
};

/**
 * Accounts and their channels as a WAI-ARIA tree: click or Enter/Space selects (the users
 * table follows), the chevron or Right/Left expands and collapses, Up/Down/Home/End move,
 * and one item at a time is in the tab order (roving tabindex).
 */
export function OrgTree({ overview: kept, selected, onSelect, onSettings }: OrgTreeProps) {
  const overview = kept.value;
  const { t } = useTranslation();
  const id = useId();
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLElement>());

  const rows: Row[] = [];
  for (const node of overview.tree) {
    const account: TreeScope = { level: "account", id: node.account.id };
    rows.push({ key: keyOf(account), scope: account, name: node.account.name, parent: null, children: node.channels.length > 0 });
    if (collapsed.has(node.account.id)) continue;
    for (const channel of node.channels) {
      const scope: TreeScope = { level: "channel", id: channel.id };
      rows.push({ key: keyOf(scope), scope, name: channel.name, parent: keyOf(account), children: false });
    }
  }
  const selectedKey = selected && keyOf(selected);
  const tabbable = [active, selectedKey, rows[0]?.key].find((key) => key && rows.some((r) => r.key === key));

  const focus = (key: string | undefined) => {
    if (!key) return;
    setActive(key);
    items.current.get(key)?.focus();
  };
  const toggle = (accountId: number, open: boolean) =>
    setCollapsed((before) => {
      const next = new Set(before);
      if (open) next.delete(accountId);
      else next.add(accountId);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent, row: Row) => {
    const at = rows.findIndex((r) => r.key === row.key);
    const open = row.children && !collapsed.has(row.scope.id);
    switch (event.key) {
      case "ArrowDown":
        focus(rows[at + 1]?.key);
        break;
      case "ArrowUp":
        focus(rows[at - 1]?.key);
        break;
      case "Home":
        focus(rows[0]?.key);
        break;
      case "End":
        focus(rows.at(-1)?.key);
        break;
      case "ArrowRight":
        if (row.children && !open) toggle(row.scope.id, true);
        else if (open) focus(rows[at + 1]?.key);
        break;
      case "ArrowLeft":
        if (open) toggle(row.scope.id, false);
        else focus(row.parent ?? undefined);
        break;
      case "Enter":
      case " ":
        onSelect(row.scope);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const item = (row: Row, level: number, group?: ReactNode) => {
    const labelId = `${id}-${row.key}`;
    const groupId = `${labelId}-group`;
    const open = row.children ? !collapsed.has(row.scope.id) : undefined;
    // As in the APG's navigation tree, the treeitem holds only its own row and owns its group
    // beside it, so the name it is given is the text it shows (axe-core's
    // label-content-name-mismatch failed the account item while its channels were inside it).
    // Owned text counts in a name from content: hence the label.
    return (
      <li key={row.key} role="none">
        <div
          role="treeitem"
          aria-level={level}
          aria-labelledby={labelId}
          aria-owns={group ? groupId : undefined}
          aria-selected={selectedKey === row.key}
          aria-expanded={open}
          tabIndex={tabbable === row.key ? 0 : -1}
          className="tree__item"
          ref={(element) => {
            if (element) items.current.set(row.key, element);
            else items.current.delete(row.key);
          }}
          onKeyDown={(event) => onKeyDown(event, row)}
          onFocus={(event) => {
            if (event.target === event.currentTarget) setActive(row.key);
          }}
          onClick={(event) => {
            event.stopPropagation();
            setActive(row.key);
            onSelect(row.scope);
          }}
        >
          <span className={level === 1 ? "tree__row tree__account" : "tree__row"} title={t("roles.showUsersIn", { name: row.name })}>
            {open !== undefined ? (
              <span
                className="tree__toggle"
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  toggle(row.scope.id, !open);
                }}
              >
                {open ? "▾" : "▸"}
              </span>
            ) : (
              <span className="tree__toggle" aria-hidden="true" />
            )}
            <span id={labelId}>{row.name}</span>
          </span>
        </div>
        {group && (
          <ul role="group" id={groupId}>
            {group}
          </ul>
        )}
      </li>
    );
  };

  return (
    <nav className="card" aria-label={t("roles.tree")}>
      <ul role="tree" aria-label={t("roles.tree")} className="tree">
        {overview.tree.map((node) => {
          const account = rows.find((r) => r.key === keyOf({ level: "account", id: node.account.id }));
          if (!account) return null;
          const channels = rows.filter((r) => r.parent === account.key);
          return item(
            account,
            1,
            channels.length > 0 ? channels.map((channel) => item(channel, 2)) : undefined,
          );
        })}
      </ul>
      {!kept.from_cache &&
        overview.tree
          .filter((node) => overview.administers.includes(node.account.id))
          .map((node) => (
            <Button key={node.account.id} variant="quiet" onClick={() => onSettings(node.account.id)}>
              {overview.tree.length > 1 ? `${t("roles.securitySettings")}: ${node.account.name}` : t("roles.securitySettings")}
            </Button>
          ))}
    </nav>
  );
}
