import { useTranslation } from "react-i18next";
import { useDescribeError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { useDataResidency, useSetKeepDataInEurope } from "./queries";
import { TableScroll } from "../../shared/TableScroll";

/**
 * Settings → Service: where the service runs (4S-HOST), who handles data for it where
 * (the sub-processor register), and the account's "keep data in Europe" (4S-SUBPROC)
 * with what it turns off and why.
 */
export function DataResidencyCard({ region }: { region: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
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
      {residency.error && <p role="alert">{describe(residency.error)}</p>}
      {data && (
        <TableScroll>
          <table className="table" aria-label={t("residency.registerTitle")}>
            <caption className="card__subtitle">{t("residency.registerTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("residency.name")}</th>
                <th scope="col">{t("residency.purpose")}</th>
                <th scope="col">{t("residency.data")}</th>
                <th scope="col">{t("residency.where")}</th>
              </tr>
            </thead>
            <tbody>
              {data.register.items.map((p) => (
                <tr key={p.path}>
                  <td>{p.name}</td>
                  <td>{p.purpose}</td>
                  <td>{p.data_categories.join(", ")}</td>
                  <td>
                    <span className={p.region === "eea" ? "badge badge--good" : "badge badge--warn"}>
                      {t(`residency.region.${p.region}`)}
                    </span>{" "}
                    {p.location}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {setting && accountId !== null && (
        <>
          <label className="feature">
            <input
              type="checkbox"
              checked={setting.keep_data_in_europe}
              disabled={kept?.from_cache || set.isPending}
              aria-describedby="keep-in-europe-hint"
              onChange={(e) => set.mutate({ accountId, keep: e.target.checked })}
            />
            <span className="feature__title">{t("residency.keepInEurope")}</span>
          </label>
          <p className="muted" id="keep-in-europe-hint">
            {t("residency.keepInEuropeHint")}
          </p>
          {setting.paths_off.length > 0 && (
            <ul aria-label={t("residency.offTitle")}>
              {setting.paths_off.map((off) => (
                <li key={off.path}>{off.reason}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {set.error && (
        <p className="form-error" role="alert">
          {describe(set.error)}
        </p>
      )}
    </section>
  );
}
