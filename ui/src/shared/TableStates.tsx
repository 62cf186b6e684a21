import { Skeleton, SkeletonItem } from "@fluentui/react-components";
import type { ReactNode } from "react";

/** Rows of grey bars where a table's rows will be, while its first page loads. */
export function TableSkeleton({ columns, rows = 5, label }: { columns: number; rows?: number; label: string }) {
  return (
    <Skeleton aria-label={label} className="table-skeleton">
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="table-skeleton__row" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
          {Array.from({ length: columns }, (_, column) => (
            <SkeletonItem key={column} size={16} />
          ))}
        </div>
      ))}
    </Skeleton>
  );
}

/** An empty table says why it is empty and what to do next, not only "nothing". */
export function EmptyState({ title, next, action }: { title: string; next: string; action?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <p className="empty-state__title">{title}</p>
      <p className="empty-state__next">{next}</p>
      {action}
    </div>
  );
}
