import {
  Badge,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { useTableSize } from "../../shared/density";
import { TableScroll } from "../../shared/TableScroll";
import { useNotify } from "../../shared/toast";
import { useDataResidency, useSetKeepDataInEurope } from "./queries";

/**
 * Settings → Service: where the service runs (4S-HOST), who handles data for it where
 * (the sub-processor register), and the account's "keep data in Europe" (4S-SUBPROC)
 * with what it turns off and why.
 */
export function DataResidencyCard({ region }: { region: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const size = useTableSize();
  const residency = useDataResidency();
  const set = useSetKeepDataInEurope();
  const kept = residency.data;
  const data = kept?.value;
  const setting = data?.residency ?? null;
  const accountId = data?.account_id ?? null;
  return (
    <section className="card" aria-labelledby="service-title">
      <h2 className="card__title" id="service-title">
        {t("settings.serviceTitle")}
      </h2>
      <dl className="facts">
        <dt>{t("settings.region")}</dt>
        <dd>{region}</dd>
      </dl>
      {kept && <OfflineNote kept={kept} />}
      <FormError error={residency.error} fields={[]} />
      {data && (
        <TableScroll>
          <Table size={size} aria-label={t("residency.registerTitle")}>
            <caption className="card__subtitle residency__caption">{t("residency.registerTitle")}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("residency.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("residency.purpose")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("residency.data")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("residency.where")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.register.items.map((p) => (
                <TableRow key={p.path}>
                  <TableCell>{p.name}</TableCell>
                  <TableCell>{p.purpose}</TableCell>
                  <TableCell>{p.data_categories.join(", ")}</TableCell>
                  <TableCell>
                    <span className="residency__where">
                      <Badge
                        appearance="tint"
                        color={p.region === "eea" ? "success" : "warning"}
                        data-region={p.region}
                      >
                        {t(`residency.region.${p.region}`)}
                      </Badge>
                      {p.location}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {setting && accountId !== null && (
        <>
          <div className="feature">
            <Switch
              checked={setting.keep_data_in_europe}
              disabled={kept?.from_cache || set.isPending}
              label={t("residency.keepInEurope")}
              aria-describedby="keep-in-europe-hint"
              onChange={(_, change) =>
                set.mutate({ accountId, keep: change.checked }, { onSuccess: () => notify(t("settings.saved")) })
              }
            />
            <p className="muted feature__help" id="keep-in-europe-hint">
              {t("residency.keepInEuropeHint")}
            </p>
          </div>
          {setting.paths_off.length > 0 && (
            <ul aria-label={t("residency.offTitle")}>
              {setting.paths_off.map((off) => (
                <li key={off.path}>{off.reason}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <FormError error={set.error} fields={[]} />
    </section>
  );
}
