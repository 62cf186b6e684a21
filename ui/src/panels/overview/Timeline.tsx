import { Checkbox, Field, Input, Link, Select } from "@fluentui/react-components";
import { ArrowCircleUpRegular, FlashRegular, KeyRegular, MegaphoneRegular, SaveRegular, SearchRegular, WrenchRegular } from "@fluentui/react-icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { TimelineEvent, TimelineKind } from "../../bindings";
import { useOpenPanel } from "../../app/navigation";
import { PANEL_IDS, type PanelId } from "../../app/panels";
import { useDescribeError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { UserTime } from "../../shared/UserTime";
import { useUptimeFormat } from "../uptime/format";
import { useTimeline } from "./queries";

export const TIMELINE_KINDS: TimelineKind[] = ["maintenance", "incident", "backup", "access", "change", "update"];

/** One glyph per kind, beside its name (the name is what a screen reader hears). */
const ICON: Record<TimelineKind, ReactElement> = {
  maintenance: <WrenchRegular />,
  incident: <FlashRegular />,
  backup: <SaveRegular />,
  access: <KeyRegular />,
  change: <MegaphoneRegular />,
  update: <ArrowCircleUpRegular />,
};

export const RANGES = [7, 30, 90, 365] as const;
type Range = (typeof RANGES)[number];

const ROW_HEIGHT = 56;
const DAY_MS = 86_400_000;

export function filterTimeline(events: TimelineEvent[], kinds: ReadonlySet<TimelineKind>, days: number, text: string, now: number): TimelineEvent[] {
  const from = now - days * DAY_MS;
  const needle = text.trim().toLowerCase();
  return events.filter(
    (e) =>
      kinds.has(e.kind) &&
      Date.parse(e.at) >= from &&
      (needle === "" || `${e.title} ${e.detail} ${e.what}`.toLowerCase().includes(needle)),
  );
}

export function Timeline() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const timeline = useTimeline();
  const [kinds, setKinds] = useState<ReadonlySet<TimelineKind>>(() => new Set(TIMELINE_KINDS));
  const [days, setDays] = useState<Range>(90);
  const [text, setText] = useState("");
  const events = useMemo(
    () => filterTimeline(timeline.data?.value.events ?? [], kinds, days, text, Date.now()),
    [timeline.data, kinds, days, text],
  );
  const toggle = (kind: TimelineKind) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card__title">
        {t("timeline.title")}
      </h2>
      <div className="timeline__filters">
        <fieldset className="timeline__kinds">
          <legend>{t("timeline.kinds")}</legend>
          {TIMELINE_KINDS.map((kind) => (
            <Checkbox
              key={kind}
              checked={kinds.has(kind)}
              onChange={() => toggle(kind)}
              label={
                <span className="timeline__kind">
                  <span className="timeline__kind-icon" aria-hidden="true">
                    {ICON[kind]}
                  </span>
                  {t(`timeline.kind.${kind}`)}
                </span>
              }
            />
          ))}
        </fieldset>
        <Field label={t("timeline.range")}>
          <Select value={String(days)} onChange={(_, data) => setDays(Number(data.value) as Range)}>
            {RANGES.map((range) => (
              <option key={range} value={range}>
                {t("timeline.lastDays", { days: range })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("timeline.search")}>
          <Input type="search" contentBefore={<SearchRegular />} data-panel-search value={text} onChange={(_, data) => setText(data.value)} />
        </Field>
      </div>
      {timeline.isPending ? (
        <p className="muted" role="status">
          {t("app.loading")}
        </p>
      ) : timeline.isError ? (
        <p role="alert" className="form-error">
          {describe(timeline.error)}
        </p>
      ) : (
        <>
          <OfflineNote kept={timeline.data} />
          {timeline.data.value.not_permitted.length > 0 && (
            <p className="muted">
              {t("timeline.notPermitted", { kinds: timeline.data.value.not_permitted.map((k) => t(`timeline.kind.${k}`)).join(", ") })}
            </p>
          )}
          <p className="muted" role="status">
            {t("timeline.count", { count: events.length })}
          </p>
          {events.length > 0 && <Rows events={events} />}
        </>
      )}
    </section>
  );
}

function Rows({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  const open = useOpenPanel();
  const format = useUptimeFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // jsdom and a first paint lay nothing out: assume a list this tall until measured.
    initialRect: { width: 800, height: 480 },
  });
  return (
    <div ref={scrollRef} className="timeline__scroll" tabIndex={0} role="region" aria-label={t("timeline.title")}>
      <ul className="timeline__list" style={{ height: virtualizer.getTotalSize() }} aria-label={t("timeline.title")}>
        {virtualizer.getVirtualItems().map((item) => {
          const event = events[item.index];
          if (!event) return null;
          const panel = (PANEL_IDS as string[]).includes(event.panel) ? (event.panel as PanelId) : null;
          const what = t(`timeline.what.${event.what}`, { defaultValue: t(`activity.kinds.${event.what}`, { defaultValue: event.what }) });
          return (
            <li key={event.key} className={`timeline__row timeline__row--${event.kind}`} style={{ transform: `translateY(${item.start}px)` }}>
              <span className="timeline__icon" aria-hidden="true">
                {ICON[event.kind]}
              </span>
              <span className="timeline__when">
                <UserTime iso={event.at} />
              </span>
              <span className="timeline__what">
                <Link as="button" className="timeline__open" disabled={!panel} onClick={() => panel && open(panel)}>
                  {what}
                  {event.title && `: ${event.title}`}
                </Link>
                <span className="timeline__detail">
                  {event.detail}
                  {event.time_to_fix_business_s !== null && ` ${t("timeline.timeToFix", { time: format.duration(event.time_to_fix_business_s) })}`}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
