import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardBody } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ApprovalDecision } from "@/components/workflows/approval-decision";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("approvals");

/** The inbox: pending approvals, newest first; members who may approve decide here. */
export default async function ApprovalsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  if (!can("workflow:read")) notFound();
  const [page, t, format] = await Promise.all([
    load(caller.workflows.approvals({ status: "pending", cursor, limit: 20 })),
    getTranslations("workflows.approvals"),
    getFormatter(),
  ]);
  const base = `/t/${slug}/approvals`;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      {page.items.length === 0 ? (
        <Card>
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        </Card>
      ) : (
        <ul aria-label={t("listLabel")} className="space-y-4">
          {page.items.map((approval) => (
            <li key={approval.id} data-testid={`approval-${approval.id}`}>
              <Card>
                <CardBody className="space-y-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h2 className="text-base font-semibold text-slate-900">
                      {approval.workflowName ?? t("workflow")} · {t("node", { node: approval.nodeId })}
                    </h2>
                    <span className="text-xs text-slate-500">
                      {t("expires", { when: format.relativeTime(new Date(approval.expiresAt)) })}
                    </span>
                  </div>
                  <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{approval.prompt}</p>
                  <Link href={`/t/${slug}/workflows/runs/${approval.workflowRunId}`} className="text-sm text-brand-700 hover:underline">
                    {t("viewRun")}
                  </Link>
                  {can("workflow:approve") ? <ApprovalDecision id={approval.id} /> : null}
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <CursorPager
        label={t("pagination")}
        firstHref={cursor ? base : null}
        nextHref={page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : null}
        firstLabel={<>← {t("newest")}</>}
        nextLabel={<>{t("older")} →</>}
      />
    </div>
  );
}
