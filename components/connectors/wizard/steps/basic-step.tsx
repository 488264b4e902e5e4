"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Boxes, ShieldAlert } from "lucide-react";
import {
  CONNECTOR_NAME_MAX,
  dataModelKeyByFindingType,
  type WizardValues,
} from "@/lib/connectors/wizard/schema";
import { cn } from "@/components/ui/cn";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { getSourceForm } from "@/components/connectors/source-forms/source-form-registry";
import { useWizard } from "../wizard-context";
import { ChoiceCard } from "./choice-card";

const findingTypeOptions = [
  {
    value: "ASSET",
    label: "Assets",
    description: "Hosts and their attributes, merged into the inventory.",
    icon: Boxes,
  },
  {
    value: "VULNERABILITY",
    label: "Vulnerabilities",
    description: "Detections (QIDs) on hosts, stored as findings.",
    icon: ShieldAlert,
  },
] as const;

export function BasicStep() {
  const { catalog } = useWizard();
  const {
    register,
    setValue,
    control,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const [type, findingType, name] = useWatch({
    control,
    name: ["basic.type", "basic.findingType", "basic.name"],
  });
  const definition = catalog.types.find((t) => t.type === type);
  const nameError = errors.basic?.name?.message;
  const descriptionError = errors.basic?.description?.message;

  function chooseType(next: string) {
    if (next === type) return;
    const option = catalog.types.find((t) => t.type === next);
    setValue("basic.type", next, { shouldValidate: Boolean(errors.basic?.type) });
    // Settings and rules belong to one type; a new type starts from its own defaults.
    setValue("source", { config: getSourceForm(next)?.initialConfig() ?? {}, secrets: {} });
    setValue("identification.rules", []);
    if (option && findingType && !option.findingTypes.includes(findingType))
      setValue("basic.findingType", "");
    if (option?.findingTypes.length === 1) chooseFindingType(option.findingTypes[0]);
  }

  function chooseFindingType(next: "ASSET" | "VULNERABILITY") {
    setValue("basic.findingType", next, { shouldValidate: Boolean(errors.basic?.findingType) });
    setValue("dataModel.key", dataModelKeyByFindingType[next]);
  }

  return (
    <div className="grid gap-5">
      <div className="grid items-start gap-5 md:grid-cols-2">
        <Field
          id="connector-name"
          label="Name"
          error={nameError}
          hint={`${name.length}/${CONNECTOR_NAME_MAX} characters, unique in your tenant.`}
        >
          <Input
            id="connector-name"
            autoFocus
            autoComplete="off"
            maxLength={CONNECTOR_NAME_MAX + 10}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={fieldDescribedBy("connector-name", { error: nameError, hint: true })}
            {...register("basic.name")}
          />
        </Field>
        <Field id="connector-asset-type" label="Asset type" hint="Sluice stores host assets.">
          <Select
            id="connector-asset-type"
            aria-describedby="connector-asset-type-hint"
            {...register("basic.assetType")}
          >
            <option value="HOST">Host</option>
          </Select>
        </Field>
      </div>
      <Field id="connector-description" label="Description (optional)" error={descriptionError}>
        <textarea
          id="connector-description"
          rows={2}
          className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/25 aria-invalid:border-destructive"
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={fieldDescribedBy("connector-description", { error: descriptionError })}
          {...register("basic.description")}
        />
      </Field>

      <fieldset
        className="grid gap-2"
        aria-describedby={errors.basic?.type ? "connector-type-error" : undefined}
      >
        <legend className="mb-2 text-[13px] font-medium">Connector type</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {catalog.types.map((option) => (
            <ChoiceCard
              key={option.type}
              name="connector-type"
              value={option.type}
              checked={type === option.type}
              onChange={() => chooseType(option.type)}
              title={option.label}
              description={option.description}
              invalid={Boolean(errors.basic?.type)}
            />
          ))}
        </div>
        {errors.basic?.type ? (
          <p id="connector-type-error" className="text-[13px] text-destructive">
            {errors.basic.type.message}
          </p>
        ) : null}
      </fieldset>

      <fieldset
        className="grid gap-2"
        aria-describedby={errors.basic?.findingType ? "connector-finding-type-error" : undefined}
      >
        <legend className="mb-2 text-[13px] font-medium">Finding type</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {findingTypeOptions.map((option) => {
            const supported = !definition || definition.findingTypes.includes(option.value);
            return (
              <ChoiceCard
                key={option.value}
                name="connector-finding-type"
                value={option.value}
                icon={option.icon}
                checked={findingType === option.value}
                disabled={!supported}
                onChange={() => chooseFindingType(option.value)}
                title={option.label}
                description={
                  supported ? option.description : `${definition?.label} does not import these.`
                }
                invalid={Boolean(errors.basic?.findingType)}
              />
            );
          })}
        </div>
        {errors.basic?.findingType ? (
          <p id="connector-finding-type-error" className={cn("text-[13px] text-destructive")}>
            {errors.basic.findingType.message}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
