import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";

type Step = { key: "invite" | "key" | "call"; done: boolean; href: string };

function Tick({ done, label }: { done: boolean; label: string }) {
  return (
    <span
      className={cn(
        "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full ring-1 ring-inset",
        done ? "bg-emerald-500 ring-emerald-500" : "bg-white ring-slate-300",
      )}
    >
      {done ? (
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-white">
          <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
        </svg>
      ) : null}
      <span className="sr-only">{label}</span>
    </span>
  );
}

/**
 * The first three things a new organisation does, each ticked from real state (a second member,
 * an active key, a key that has been used) rather than from clicks, so it stays true.
 */
export async function GetStarted({
  slug,
  origin,
  invited,
  hasKey,
  called,
}: {
  slug: string;
  origin: string;
  invited: boolean;
  hasKey: boolean;
  called: boolean;
}) {
  const t = await getTranslations("overview");
  const base = `/t/${slug}`;
  const steps: Step[] = [
    { key: "invite", done: invited, href: `${base}/members` },
    { key: "key", done: hasKey, href: `${base}/api-keys` },
    { key: "call", done: called, href: `${base}/api` },
  ];
  const curl = `curl -H "Authorization: Bearer agt_…" ${origin}/api/v1/tenant`;
  const done = steps.filter((s) => s.done).length;
  return (
    <Card>
      <CardHeader title={t("getStartedTitle")} description={t("getStartedProgress", { done, total: steps.length })} />
      <ol className="divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step.key} className="flex gap-3 px-5 py-4">
            <Tick done={step.done} label={step.done ? t("stepDone") : t("stepTodo")} />
            <div className="min-w-0 flex-1 space-y-2">
              <p className={cn("font-medium", step.done ? "text-slate-500 line-through decoration-slate-300" : "text-slate-900")}>
                {t(`steps.${step.key}.title`)}
              </p>
              <p className="text-sm text-slate-600">{t(`steps.${step.key}.body`)}</p>
              {step.key === "call" ? (
                <div className="flex items-start gap-2">
                  <CodeBlock label={t(`steps.${step.key}.title`)} className="min-w-0 flex-1">
                    {curl}
                  </CodeBlock>
                  <CopyButton value={curl} />
                </div>
              ) : null}
              <Link href={step.href} className="inline-block text-sm font-medium text-brand-700 hover:underline">
                {t(`steps.${step.key}.action`)} →
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
