import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEvent } from "../../bindings";
import { useTableSize } from "../../shared/density";
import { TableSkeleton } from "../../shared/TableStates";
import { userTimeText } from "../../shared/time";
import { PAGE_SIZE, useAuditPages, type AuditFilter } from "./queries";

// Fixed rows, lower than the library's 44 px: the scroll height is count x row, and a million
// rows must stay under the ~33.5 million px a WebKit or Chromium element may be tall.
const ROW_HEIGHT = { medium: 30, "extra-small": 24 } as const;

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, AuditEvent>();

type Props = {
  filter: AuditFilter;
  total: number;
  onSort: (descending: boolean) => void;
  onOpen: (seq: number) => void;
};

/**
 * The cached log as a virtual table: only the rows on screen are in the DOM, and only the
 * windows of rows covering them are asked of the cache.
 */
export function AuditTable({ filter, total, onSort, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const size = useTableSize();
  const rowHeight = ROW_HEIGHT[size];
  const scrollRef = useRef<HTMLDivElement>(null);
  // The event drawer gives focus back to the event it was opened from.
  const returnFocusHere = useRestoreFocusTarget();
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  // The virtualizer keeps the sizes it placed rows at until told they changed.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE_SIZE);
  const lastPage = Math.floor((items.at(-1)?.index ?? 0) / PAGE_SIZE);
  const indexes = total === 0 ? [] : Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i);
  const pages = useAuditPages(filter, indexes);
  const loadedAt = pages.map((page) => page.dataUpdatedAt).join(",");
  // Rebuilt only when a window arrives, not on every scroll frame.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `pages` is a new array every render
  const rows = useMemo(() => pages.flatMap((page) => page.data ?? []), [firstPage, loadedAt]);
  const eventAt = (index: number): AuditEvent | undefined =>
    pages[Math.floor(index / PAGE_SIZE) - firstPage]?.data?.[index % PAGE_SIZE];
  // At the top, before the first window arrives, grey bars stand in for the rows; a jump
  // further down shows each row waiting in its place instead.
  const firstLoad = firstPage === 0 && rows.length === 0 && pages.some((page) => page.isPending);

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("seq", { header: () => t("audit.col.seq"), enableSorting: false }),
        helper.accessor("at", {
          header: () => t("audit.col.at"),
          cell: (info) => userTimeText(info.getValue(), i18n.language),
        }),
        helper.accessor("actor", { header: () => t("audit.col.actor"), enableSorting: false }),
        helper.accessor("action", { header: () => t("audit.col.action"), enableSorting: false }),
        helper.accessor("target", { header: () => t("audit.col.target"), enableSorting: false }),
        helper.accessor("outcome", {
          header: () => t("audit.col.outcome"),
          cell: (info) => t(`audit.outcome.${info.getValue()}`),
          enableSorting: false,
        }),
        helper.accessor("client_addr", { header: () => t("audit.col.client"), enableSorting: false }),
      ]),
    [t, i18n.language],
  );
  const sorting: SortingState = [{ id: "at", desc: filter.descending }];
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (event) => String(event.seq),
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      onSort(next[0]?.desc ?? true);
    },
  });
  const byId = table.getRowModel().rowsById;

  return (
    <div ref={scrollRef} className="audit-table" data-testid="audit-scroll">
      <Table size={size} className="audit-table__table" aria-label={t("audit.table")} aria-rowcount={total + 1}>
        <TableHeader className="audit-table__head">
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="audit-table__row" aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const className = `audit-table__cell audit-table__cell--${header.column.id}`;
                return header.column.getCanSort() ? (
                  <TableHeaderCell
                    key={header.id}
                    className={className}
                    sortable
                    sortDirection={sorted === "asc" ? "ascending" : "descending"}
                    onClick={header.column.getToggleSortingHandler()}
                  >
                    <table.FlexRender header={header} />
                  </TableHeaderCell>
                ) : (
                  <TableHeaderCell key={header.id} className={className}>
                    <table.FlexRender header={header} />
                  </TableHeaderCell>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody className="audit-table__body" style={{ height: firstLoad ? 0 : virtualizer.getTotalSize() }}>
          {!firstLoad &&
            items.map((item) => {
              const event = eventAt(item.index);
              const row = event && byId[String(event.seq)];
              const style = { height: rowHeight, transform: `translateY(${item.start}px)` };
              if (!row || !event) {
                return (
                  <TableRow key={item.key} className="audit-table__row" style={style} aria-rowindex={item.index + 2} aria-busy="true">
                    <TableCell className="audit-table__cell muted">{t("app.loading")}</TableCell>
                  </TableRow>
                );
              }
              return (
                <TableRow
                  key={item.key}
                  className={`audit-table__row audit-table__row--${event.outcome}`}
                  style={style}
                  aria-rowindex={item.index + 2}
                  onClick={() => onOpen(event.seq)}
                >
                  {row.getAllCells().map((cell) => (
                    <TableCell key={cell.id} className={`audit-table__cell audit-table__cell--${cell.column.id}`}>
                      {cell.column.id === "seq" ? (
                        <Link
                          as="button"
                          {...returnFocusHere}
                          aria-label={t("audit.open", { seq: event.seq })}
                          onClick={(e) => {
                            e.stopPropagation();
                            onOpen(event.seq);
                          }}
                        >
                          {event.seq}
                        </Link>
                      ) : (
                        <table.FlexRender cell={cell} />
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
        </TableBody>
      </Table>
      {firstLoad && <TableSkeleton columns={columns.length} label={t("audit.loading")} />}
    </div>
  );
}
