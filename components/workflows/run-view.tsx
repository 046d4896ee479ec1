"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { Spinner } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import type { WorkflowDefinition } from "@/server/workflows/definition";
import { GraphCanvas } from "./graph-canvas";
import { ACTIVE_RUN, RUN_TONES, STATE_STYLES, type NodeState } from "./state-style";

/**
 * A run as it happens: polled every 1.5 s while it is going (stops once it ends), each node's
 * state in colour and in words on the graph and in the table, and a cancel with confirmation.
 */
export function RunView({
  runId,
  definition,
  canCancel,
  runsBase,
  workflowHref,
}: {
  runId: string;
  definition: WorkflowDefinition | null;
  canCancel: boolean;
  runsBase: string;
  workflowHref: string;
}) {
  const t = useTranslations("workflows");
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.workflows.run.queryOptions({ id: runId }),
    refetchInterval: (q) => (q.state.data && !ACTIVE_RUN.includes(q.state.data.status) ? false : 1500),
  });
  const cancel = useMutation(trpc.workflows.cancelRun.mutationOptions({ onSuccess: () => query.refetch() }));
  const run = query.data;
  if (!run) {
    return query.error ? <Alert tone="error">{query.error.message}</Alert> : <Spinner label={t("run.loading")} />;
  }
  const states = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n.state as NodeState]));
  const order = definition ? definition.nodes.map((n) => n.id) : run.nodes.map((n) => n.nodeId);
  const rows = [...run.nodes].sort((a, b) => order.indexOf(a.nodeId) - order.indexOf(b.nodeId));
  const active = ACTIVE_RUN.includes(run.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">{t("run.status")}:</span>
        <span data-testid="run-status" data-status={run.status}>
          <Badge tone={RUN_TONES[run.status]}>{t(`statuses.${run.status}`)}</Badge>
        </span>
        {active ? <span className="text-xs text-slate-500">{t("run.live")}</span> : null}
        <span className="flex-1" />
        <Link href={workflowHref} className="text-sm text-brand-700 hover:underline">
          {t("run.backToWorkflow")}
        </Link>
        {canCancel && active ? (
          <ConfirmActionButton
            label={t("run.cancel")}
            variant="secondary"
            className="text-red-700"
            title={t("run.cancelTitle")}
            description={t("run.cancelBody")}
            confirmLabel={t("run.cancel")}
            action={() => cancel.mutateAsync({ id: runId })}
          />
        ) : null}
      </div>
      {run.error ? <Alert tone={run.status === "cancelled" ? "info" : "error"}>{run.error.message}</Alert> : null}
      {definition ? <GraphCanvas nodes={definition.nodes} edges={definition.edges} states={states} className="h-80" /> : null}
      <Card>
        <Table caption={t("run.nodesCaption")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("run.node")}</Th>
              <Th>{t("run.state")}</Th>
              <Th>{t("run.attempts")}</Th>
              <Th>{t("run.output")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((node) => (
              <tr key={node.nodeId} data-testid={`node-row-${node.nodeId}`} data-state={node.state}>
                <Td>
                  <span className="font-medium">{node.nodeId}</span>
                  <span className="block text-xs text-slate-500">{t(`kinds.${node.kind as "agent"}`)}</span>
                </Td>
                <Td>
                  <Badge tone={STATE_STYLES[node.state].tone}>{t(`states.${node.state}`)}</Badge>
                </Td>
                <Td>{node.attempts}</Td>
                <Td className="max-w-md text-xs">
                  {node.error ? <p className="text-red-700">{node.error.message}</p> : null}
                  {node.output ? <pre className="line-clamp-4 whitespace-pre-wrap break-words">{JSON.stringify(node.output)}</pre> : null}
                  {node.agentRunId ? (
                    <Link href={`${runsBase}/${node.agentRunId}`} className="text-brand-700 hover:underline">
                      {t("run.agentRun")}
                    </Link>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader title={t("run.input")} />
          <CardBody>
            <CodeBlock label={t("run.input")}>{JSON.stringify(run.input, null, 2)}</CodeBlock>
          </CardBody>
        </Card>
        {run.output ? (
          <Card>
            <CardHeader title={t("run.result")} />
            <CardBody>
              <CodeBlock label={t("run.result")}>{JSON.stringify(run.output, null, 2)}</CodeBlock>
            </CardBody>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
