import { useTranslation } from "react-i18next";
import { useDescribeError } from "../../shared/errors";
import { useFeatures, useSetFeature } from "./queries";

/** Settings → Features (4S-FEATURE-TOGGLES): each with its description; applied at once. */
export function FeaturesCard() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const features = useFeatures();
  const set = useSetFeature();
  return (
    <section className="card" aria-labelledby="features-title">
      <h2 className="card__title" id="features-title">
        {t("features.title")}
      </h2>
      {features.error && <p role="alert">{describe(features.error)}</p>}
      <ul className="feature-list">
        {features.data?.items.map((f) => (
          <li key={f.key}>
            <label className="feature">
              <input
                type="checkbox"
                checked={f.enabled}
                aria-describedby={`feature-${f.key}`}
                onChange={(e) => set.mutate({ key: f.key, enabled: e.target.checked })}
              />
              <span className="feature__title">{f.title}</span>
            </label>
            <p className="muted" id={`feature-${f.key}`}>
              {f.description}
            </p>
          </li>
        ))}
      </ul>
      {set.error && (
        <p className="form-error" role="alert">
          {describe(set.error)}
        </p>
      )}
    </section>
  );
}
