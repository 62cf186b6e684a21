import type { AccountNode, Grant, Scope } from "../../bindings";

/** The scope's name as the tree shows it. */
export function scopeName(scope: Scope, tree: readonly AccountNode[], platform: string): string {
  if (scope.level === "platform") return platform;
  for (const node of tree) {
    if (scope.level === "account" && node.account.id === scope.id) return node.account.name;
    const channel = node.channels.find((c) => c.id === scope.id);
    if (scope.level === "channel" && channel) return `${node.account.name} / ${channel.name}`;
  }
  return `${scope.level} ${scope.id}`;
}

export function sameGrant(a: Grant, b: Grant): boolean {
  return a.role === b.role && a.scope.level === b.scope.level && ("id" in a.scope ? a.scope.id : null) === ("id" in b.scope ? b.scope.id : null);
}

export function grantKey(g: Grant): string {
  return `${g.role}@${g.scope.level}:${"id" in g.scope ? g.scope.id : ""}`;
}
