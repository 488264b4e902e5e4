"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Eye, EyeOff, LoaderCircle, UserPlus, WandSparkles } from "lucide-react";
import { toast } from "sonner";
import { createUserAction } from "@/lib/users/actions";
import { createUserSchema, type CreateUserInput } from "@/lib/users/schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

const emptyForm: CreateUserInput = { name: "", email: "", role: "viewer", password: "" };
const formFields = Object.keys(emptyForm) as (keyof CreateUserInput)[];

const PASSWORD_HINT = "At least 12 characters. Share it over a secure channel.";

const roleHints: Record<CreateUserInput["role"], string> = {
  viewer: "Can look at everything, change nothing.",
  operator: "Can also create connectors and start runs.",
  admin: "Can also manage users and see background jobs.",
};

/** 20 characters from an unambiguous alphabet, from the browser's CSPRNG. */
function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint32Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export function AddUserDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm({
    resolver: zodResolver(createUserSchema),
    defaultValues: emptyForm,
  });
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = form;
  const role = useWatch({ control, name: "role" });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset(emptyForm);
      setFormError(null);
      setShowPassword(false);
    }
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createUserAction(values);
    if ("fieldErrors" in result) {
      // The server parses with the same schema, so its keys are our field names;
      // anything else (a uniqueness rule, say) is shown above the form.
      for (const [key, messages] of Object.entries(result.fieldErrors)) {
        const field = formFields.find((f) => f === key);
        if (field) setError(field, { type: "server", message: messages[0] }, { shouldFocus: true });
        else setFormError(messages[0] ?? "The user could not be created.");
      }
      return;
    }
    if ("error" in result) {
      setFormError(result.error);
      return;
    }
    toast.success(`${values.name} can now sign in`, {
      description: `Share the password with ${values.email} securely.`,
    });
    onOpenChange(false);
    router.refresh();
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          Add user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add user</DialogTitle>
          <DialogDescription>
            They sign in with this e-mail and password. Roles can be changed later.
          </DialogDescription>
        </DialogHeader>

        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {formError ? (
            <Alert tone="destructive" role="alert">
              {formError}
            </Alert>
          ) : null}

          <Field id="user-name" label="Name" error={errors.name?.message}>
            <Input
              id="user-name"
              autoComplete="off"
              autoFocus
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={fieldDescribedBy("user-name", { error: errors.name?.message })}
              {...register("name")}
            />
          </Field>

          <Field id="user-email" label="E-mail" error={errors.email?.message}>
            <Input
              id="user-email"
              type="email"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={fieldDescribedBy("user-email", { error: errors.email?.message })}
              {...register("email")}
            />
          </Field>

          <Field id="user-role" label="Role" error={errors.role?.message} hint={roleHints[role]}>
            <Select
              id="user-role"
              aria-invalid={errors.role ? true : undefined}
              aria-describedby={fieldDescribedBy("user-role", {
                error: errors.role?.message,
                hint: roleHints[role],
              })}
              {...register("role")}
            >
              <option value="viewer">Viewer</option>
              <option value="operator">Operator</option>
              <option value="admin">Admin</option>
            </Select>
          </Field>

          <Field
            id="user-password"
            label="Initial password"
            error={errors.password?.message}
            hint={PASSWORD_HINT}
          >
            <div className="flex gap-2">
              <div className="relative flex-1">
                <Input
                  id="user-password"
                  type={showPassword ? "text" : "password"}
                  autoComplete="new-password"
                  spellCheck={false}
                  className="pr-9 font-mono"
                  aria-invalid={errors.password ? true : undefined}
                  aria-describedby={fieldDescribedBy("user-password", {
                    error: errors.password?.message,
                    hint: PASSWORD_HINT,
                  })}
                  {...register("password")}
                />
                <button
                  type="button"
                  onClick={() => setShowPassword((v) => !v)}
                  aria-label={showPassword ? "Hide password" : "Show password"}
                  aria-pressed={showPassword}
                  className="focus-ring absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-muted-foreground hover:text-foreground"
                >
                  {showPassword ? (
                    <EyeOff aria-hidden className="size-4" />
                  ) : (
                    <Eye aria-hidden className="size-4" />
                  )}
                </button>
              </div>
              <Button
                variant="secondary"
                onClick={() => {
                  setValue("password", generatePassword(), {
                    shouldValidate: true,
                    shouldDirty: true,
                  });
                  // Show a generated password, otherwise the admin cannot pass it on.
                  setShowPassword(true);
                }}
              >
                <WandSparkles aria-hidden />
                Generate
              </Button>
            </div>
          </Field>

          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
              {isSubmitting ? "Adding…" : "Add user"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
