import {
  FlatTree,
  FlatTreeItem,
  TreeItemLayout,
  useRestoreFocusTarget,
  type TreeOpenChangeData,
} from "@fluentui/react-components";
import { Settings20Regular } from "@fluentui/react-icons";
import { useState, type ReactNode } from "react";
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

  // A flat tree: each item holds only its own row, so the name it is given is the text it shows
  // (axe-core's label-content-name-mismatch failed an account whose item held its channels).
  const items: ReactNode[] = [];
  overview.tree.forEach((node, at) => {
    const account: TreeScope = { level: "account", id: node.account.id };
    const key = keyOf(account);
    items.push(
      <FlatTreeItem
        key={key}
        value={key}
        itemType={node.channels.length > 0 ? "branch" : "leaf"}
        aria-level={1}
        aria-setsize={overview.tree.length}
        aria-posinset={at + 1}
        aria-selected={selectedKey === key}
        onClick={() => onSelect(account)}
      >
        <TreeItemLayout className="org-tree__row org-tree__account" title={t("roles.showUsersIn", { name: node.account.name })}>
          {node.account.name}
        </TreeItemLayout>
      </FlatTreeItem>,
    );
    if (collapsed.has(key)) return;
    node.channels.forEach((channel, place) => {
      const scope: TreeScope = { level: "channel", id: channel.id };
      const channelKey = keyOf(scope);
      items.push(
        <FlatTreeItem
          key={channelKey}
          value={channelKey}
          parentValue={key}
          itemType="leaf"
          aria-level={2}
          aria-setsize={node.channels.length}
          aria-posinset={place + 1}
          aria-selected={selectedKey === channelKey}
          onClick={() => onSelect(scope)}
        >
          <TreeItemLayout className="org-tree__row" title={t("roles.showUsersIn", { name: channel.name })}>
            {channel.name}
          </TreeItemLayout>
        </FlatTreeItem>,
      );
    });
  });

  return (
    <nav className="card org-tree" aria-label={t("roles.tree")}>
      <FlatTree aria-label={t("roles.tree")} openItems={openItems} onOpenChange={onOpenChange}>
        {items}
      </FlatTree>
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
