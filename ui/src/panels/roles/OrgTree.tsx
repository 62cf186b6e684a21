import {
  Tree,
  TreeItem,
  TreeItemLayout,
  useRestoreFocusTarget,
  type TreeOpenChangeData,
} from "@fluentui/react-components";
import { Settings20Regular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Kept, RolesOverview, Scope } from "../../bindings";
import { Button } from "../../shared/Button";

/** What the org tree selects: a whole account or one channel; the table follows. */
export type TreeScope = Extract<Scope, { level: "account" | "channel" }>;

const keyOf = (scope: TreeScope) => `${scope.level}:${String(scope.id)}`;

type OrgTreeProps = {
  overview: Kept<RolesOverview>;
  selected: TreeScope | null;
  onSelect: (scope: TreeScope) => void;
  onSettings: (id: number) => void;
};

/**
 * Accounts and their channels as the library's tree: click or Enter selects (the users table
 * follows), the chevron or Right/Left expands and collapses, Up/Down/Home/End move, and one
 * item at a time is in the tab order.
 */
export function OrgTree({ overview: kept, selected, onSelect, onSettings }: OrgTreeProps) {
  const overview = kept.value;
  const { t } = useTranslation();
  const id = useId();
  const restoreFocus = useRestoreFocusTarget();
  // Accounts start open; remembering the closed ones keeps an account added later open too.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const openItems = overview.tree
    .map((node) => keyOf({ level: "account", id: node.account.id }))
    .filter((key) => !collapsed.has(key));
  const selectedKey = selected && keyOf(selected);

  const onOpenChange = (_: unknown, data: TreeOpenChangeData) => {
    // A click (or Enter, which clicks) selects; only the chevron and the arrow keys open and close.
    if (data.type === "Click" || data.type === "Enter") return;
    const key = String(data.value);
    setCollapsed((before) => {
      const next = new Set(before);
      if (data.open) next.delete(key);
      else next.add(key);
      return next;
    });
  };

  const item = (scope: TreeScope, name: string, channels?: { id: number; name: string }[]) => {
    const key = keyOf(scope);
    const labelId = `${id}-${key}`;
    // The account's item holds its channels: named by its own row only, the name is the text
    // it shows (axe-core's label-content-name-mismatch).
    return (
      <TreeItem
        key={key}
        value={key}
        itemType={channels && channels.length > 0 ? "branch" : "leaf"}
        aria-labelledby={labelId}
        aria-selected={selectedKey === key}
        onClick={() => onSelect(scope)}
      >
        <TreeItemLayout
          className={scope.level === "account" ? "org-tree__row org-tree__account" : "org-tree__row"}
          main={{ id: labelId }}
          title={t("roles.showUsersIn", { name })}
        >
          {name}
        </TreeItemLayout>
        {channels && channels.length > 0 && (
          <Tree>{channels.map((channel) => item({ level: "channel", id: channel.id }, channel.name))}</Tree>
        )}
      </TreeItem>
    );
  };

  return (
    <nav className="card org-tree" aria-label={t("roles.tree")}>
      <Tree aria-label={t("roles.tree")} openItems={openItems} onOpenChange={onOpenChange}>
        {overview.tree.map((node) => item({ level: "account", id: node.account.id }, node.account.name, node.channels))}
      </Tree>
      {!kept.from_cache &&
        overview.tree
          .filter((node) => overview.administers.includes(node.account.id))
          .map((node) => (
            <Button
              key={node.account.id}
              variant="quiet"
              icon={<Settings20Regular />}
              className="org-tree__settings"
              {...restoreFocus}
              onClick={() => onSettings(node.account.id)}
            >
              {overview.tree.length > 1 ? `${t("roles.securitySettings")}: ${node.account.name}` : t("roles.securitySettings")}
            </Button>
          ))}
    </nav>
  );
}
