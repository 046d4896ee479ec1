"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useFieldError } from "@/components/auth/form-error";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ReasonDialog } from "./reason-dialog";

type Plan = { id: string; name: string };
type Open = null | "status" | "plan" | "impersonate";

/** Suspend or reactivate, change plan, impersonate: each behind a dialog that asks why. */
export function TenantActions({
  tenant,
  plans,
  impersonationMinReason,
}: {
  tenant: { id: string; slug: string; name: string; status: "active" | "suspended" | "deleted"; planId: string };
  plans: Plan[];
  impersonationMinReason: number;
}) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const fieldError = useFieldError();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [planId, setPlanId] = useState(plans.find((p) => p.id !== tenant.planId)?.id ?? tenant.planId);
  const done = () => {
    setOpen(null);
    router.refresh();
  };
  const suspend = useMutation(trpc.admin.suspend.mutationOptions({ onSuccess: done }));
  const reactivate = useMutation(trpc.admin.reactivate.mutationOptions({ onSuccess: done }));
  const assign = useMutation(trpc.admin.assignPlan.mutationOptions({ onSuccess: done }));
  const impersonate = useMutation(
    trpc.admin.impersonate.mutationOptions({ onSuccess: (imp) => router.push(`/t/${encodeURIComponent(imp.tenantSlug)}`) }),
  );
  const suspended = tenant.status === "suspended";
  const statusMutation = suspended ? reactivate : suspend;
  if (tenant.status === "deleted") return null;

  return (
    <div className="flex flex-wrap gap-2">
      <Button variant={suspended ? "primary" : "danger"} onClick={() => setOpen("status")}>
        {suspended ? t("reactivate") : t("suspend")}
      </Button>
      <Button variant="secondary" onClick={() => setOpen("plan")}>
        {t("changePlan")}
      </Button>
      <Button variant="secondary" onClick={() => setOpen("impersonate")}>
        {t("impersonate")}
      </Button>

      <ReasonDialog
        open={open === "status"}
        onClose={() => setOpen(null)}
        title={suspended ? t("reactivateTitle", { name: tenant.name }) : t("suspendTitle", { name: tenant.name })}
        description={suspended ? t("reactivateBody") : t("suspendBody")}
        confirmLabel={suspended ? t("reactivate") : t("suspend")}
        danger={!suspended}
        pending={statusMutation.isPending}
        reasonError={fieldError(errorOf(statusMutation.error)?.fields.reason)}
        error={statusMutation.error && !errorOf(statusMutation.error)?.fields.reason ? errorText(statusMutation.error) : null}
        onConfirm={(reason) => statusMutation.mutate({ tenantId: tenant.id, reason })}
      />

      <ReasonDialog
        open={open === "plan"}
        onClose={() => setOpen(null)}
        title={t("changePlanTitle", { name: tenant.name })}
        description={t("changePlanBody")}
        confirmLabel={t("changePlan")}
        pending={assign.isPending}
        reasonError={fieldError(errorOf(assign.error)?.fields.reason)}
        error={assign.error && !errorOf(assign.error)?.fields.reason ? errorText(assign.error) : null}
        onConfirm={(reason) => assign.mutate({ tenantId: tenant.id, planId, reason })}
      >
        <Field label={t("newPlan")}>
          {(p) => (
            <Select {...p} name="planId" value={planId} onChange={(e) => setPlanId(e.target.value)}>
              {plans.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.name}
                  {plan.id === tenant.planId ? ` (${t("currentPlan")})` : ""}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </ReasonDialog>

      <ReasonDialog
        open={open === "impersonate"}
        onClose={() => setOpen(null)}
        title={t("impersonateTitle", { name: tenant.name })}
        description={t("impersonateBody")}
        confirmLabel={t("impersonateStart")}
        minLength={impersonationMinReason}
        pending={impersonate.isPending}
        reasonError={fieldError(errorOf(impersonate.error)?.fields.reason)}
        error={impersonate.error && !errorOf(impersonate.error)?.fields.reason ? errorText(impersonate.error) : null}
        onConfirm={(reason) => impersonate.mutate({ tenantId: tenant.id, reason })}
      />
    </div>
  );
}
