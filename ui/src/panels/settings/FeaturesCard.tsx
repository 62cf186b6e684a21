import { Switch } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { FormError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { useFeatures, useSetFeature } from "./queries";

/** Settings → Features (4S-FEATURE-TOGGLES): each with its description; applied at once. */
export function FeaturesCard() {
  const { t } = useTranslation();
  const notify = useNotify();
  const features = useFeatures();
  const set = useSetFeature();
  return (
    <section className="card" aria-labelledby="features-title">
      <h2 className="card__title" id="features-title">
        {t("features.title")}
      </h2>
      <FormError error={features.error} fields={[]} />
      <ul className="feature-list">
        {features.data?.items.map((f) => (
          <li key={f.key} className="feature">
            <Switch
              checked={f.enabled}
              label={f.title}
              aria-describedby={`feature-${f.key}`}
              onChange={(_, data) =>
                set.mutate({ key: f.key, enabled: data.checked }, { onSuccess: () => notify(t("settings.saved")) })
              }
            />
            <p className="muted feature__help" id={`feature-${f.key}`}>
              {f.description}
            </p>
          </li>
        ))}
      </ul>
      <FormError error={set.error} fields={[]} />
    </section>
  );
}
