"use client";

import { useEffect } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { dataModelKeyByFindingType, type WizardValues } from "@/lib/connectors/wizard/schema";
import { DataModelTable } from "@/components/connectors/data-model-table";
import { useWizard } from "../wizard-context";
import { ChoiceCard } from "./choice-card";

export function DataModelStep() {
  const { catalog } = useWizard();
  const {
    setValue,
    control,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const [findingType, key] = useWatch({ control, name: ["basic.findingType", "dataModel.key"] });
  const expected = findingType ? dataModelKeyByFindingType[findingType] : null;

  useEffect(() => {
    if (expected && !key) setValue("dataModel.key", expected);
  }, [expected, key, setValue]);

  const model = catalog.dataModels.find((m) => m.key === key);
  const error = errors.dataModel?.key?.message;

  return (
    <div className="grid gap-5">
      <fieldset className="grid gap-2" aria-describedby={error ? "data-model-error" : undefined}>
        <legend className="mb-2 text-sm text-muted-foreground">
          Records from this connector are checked against a data model before they are stored. The
          model follows the finding type chosen in the first step.
        </legend>
        <div className="grid gap-3 md:grid-cols-2">
          {catalog.dataModels.map((option) => (
            <ChoiceCard
              key={option.key}
              name="data-model"
              value={option.key}
              checked={key === option.key}
              disabled={expected !== null && option.key !== expected}
              onChange={() => setValue("dataModel.key", option.key, { shouldValidate: true })}
              title={option.name}
              description={`${option.attributes.length} attributes · built in`}
            />
          ))}
        </div>
        {error ? (
          <p id="data-model-error" className="text-[13px] text-destructive">
            {error}
          </p>
        ) : null}
      </fieldset>
      {model ? <DataModelTable name={model.name} attributes={model.attributes} /> : null}
    </div>
  );
}
