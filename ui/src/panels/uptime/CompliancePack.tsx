import { Field, ProgressBar, Select } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PackFormat, PackProgress, SlaMonth } from "../../bindings";
import { events } from "../../ipc";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { useSaveCompliancePack } from "./queries";

/** The month's evidence bundle (issue 20): a month of the SLA history, saved as PDF or ZIP through the save dialog. */
export function CompliancePack({ months }: { months: SlaMonth[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const saving = useSaveCompliancePack();
  // The month in progress is newest; the pack is asked for once a month has ended.
  const [month, setMonth] = useState(months[1]?.month ?? months[0]?.month ?? "");
  const [progress, setProgress] = useState<PackProgress | null>(null);
  useEffect(() => {
    const subscription = events.onPackProgress(setProgress);
    return () => void subscription.then((unlisten) => unlisten());
  }, []);
  if (months.length === 0) return null;
  const save = (format: PackFormat) => {
    setProgress(null);
    saving.mutate(
      { month, format },
      // No path: the save dialog was cancelled, and nothing was saved.
      { onSuccess: (path) => path !== null && notify(t("uptime.pack.saved", { path })) },
    );
  };
  return (
    <section className="card" aria-labelledby="uptime-pack-title">
      <h2 id="uptime-pack-title" className="card__title">
        {t("uptime.pack.title")}
      </h2>
      <p className="muted">{t("uptime.pack.hint")}</p>
      <div className="uptime-pack">
        <Field label={t("uptime.pack.month")} orientation="horizontal">
          <Select value={month} onChange={(_, data) => setMonth(data.value)}>
            {months.map((m) => (
              <option key={m.month} value={m.month}>
                {m.month}
              </option>
            ))}
          </Select>
        </Field>
        <Button variant="secondary" icon={<ArrowDownloadRegular />} busy={saving.isPending} onClick={() => save("pdf")}>
          {t("uptime.pack.pdf")}
        </Button>
        <Button variant="secondary" icon={<ArrowDownloadRegular />} busy={saving.isPending} onClick={() => save("csv_zip")}>
          {t("uptime.pack.csv")}
        </Button>
      </div>
      {saving.isPending && progress && (
        <Field label={t("uptime.pack.making", { step: progress.step, steps: progress.steps })}>
          <ProgressBar max={progress.steps} value={progress.step} />
        </Field>
      )}
      {saving.error && <FormError error={saving.error} fields={[]} />}
    </section>
  );
}
