import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEvent } from "../../bindings";
import { userTimeText } from "../../shared/time";
import { PAGE_SIZE, useAuditPages, type AuditFilter } from "./queries";

// Fixed rows: the scroll height is count x row, and a million rows at 30 px stay under the
// ~33.5 million px a WebKit or Chromium element may be tall.
const ROW_HEIGHT = 30;

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
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
      <table className="table" aria-label={t("audit.table")} aria-rowcount={total + 1}>
        <thead className="audit-table__head">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="audit-table__row" aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    className={`audit-table__cell audit-table__cell--${header.column.id}`}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="link-button" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} /> {sorted === "asc" ? "▲" : "▼"}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="audit-table__body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const event = eventAt(item.index);
            const row = event && byId[String(event.seq)];
            const style = { height: ROW_HEIGHT, transform: `translateY(${item.start}px)` };
            if (!row || !event) {
              return (
                <tr key={item.key} className="audit-table__row" style={style} aria-rowindex={item.index + 2} aria-busy="true">
                  <td className="audit-table__cell muted">{t("app.loading")}</td>
                </tr>
              );
            }
            return (
              <tr
                key={item.key}
                className={`audit-table__row audit-table__row--${event.outcome}`}
                style={style}
                aria-rowindex={item.index + 2}
                onClick={() => onOpen(event.seq)}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`audit-table__cell audit-table__cell--${cell.column.id}`}>
                    {cell.column.id === "seq" ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t("audit.open", { seq: event.seq })}
                        onClick={(e) => {
                          e.stopPropagation();
                          onOpen(event.seq);
                        }}
                      >
                        {event.seq}
                      </button>
                    ) : (
                      <table.FlexRender cell={cell} />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
