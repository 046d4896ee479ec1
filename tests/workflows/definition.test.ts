import { describe, expect, it } from "vitest";
import { evaluateCondition, parseCondition, ConditionError } from "@/server/workflows/condition";
import { workflowDefinition, type WorkflowDefinition } from "@/server/workflows/definition";
import { definitionError, problemMessage } from "@/server/workflows/problem-messages";
import { renderTemplate, parseTemplate, TemplateError } from "@/server/workflows/template";
import { findProblems } from "@/server/workflows/validate";
import { customerServiceDefinition } from "@/server/workflows/customer-service-template";

const AGENT = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const known = async (ids: string[]) => new Set(ids.filter((id) => id === AGENT));

function def(nodes: unknown[], edges: unknown[] = []): WorkflowDefinition {
  return workflowDefinition.parse({ nodes, edges });
}
const agent = (id: string, input = "hi", agentId = AGENT) => ({ id, kind: "agent", agentId, input });

describe("workflow validation", () => {
  it("accepts the customer-service template", async () => {
    expect(await findProblems(customerServiceDefinition(AGENT), known)).toEqual([]);
  });

  it("refuses a cycle, naming a node on it and the loop", async () => {
    const problems = await findProblems(
      def(
        [agent("a"), agent("b"), agent("c")],
        [
          { from: "a", to: "b" },
          { from: "b", to: "c" },
          { from: "c", to: "b" },
        ],
      ),
      known,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "cycle", nodeId: "b", path: "nodes.1" });
    expect(problemMessage(problems[0]!)).toBe("Node “b” is part of a cycle (b → c → b); a workflow must not loop back on itself.");
    expect(problemMessage(problems[0]!, "zh-CN")).toContain("节点“b”处于一个环路中");
  });

  it("refuses a self-loop", async () => {
    const [problem] = await findProblems(def([agent("a")], [{ from: "a", to: "a" }]), known);
    expect(problem).toMatchObject({ code: "cycle", nodeId: "a" });
  });

  it("refuses a reference to a missing node and to one that is not upstream, with the field path", async () => {
    const problems = await findProblems(
      def([agent("a", "{{nodes.ghost.output.text}}"), agent("b", "{{nodes.c.output.text}}"), agent("c")], [{ from: "a", to: "b" }]),
      known,
    );
    expect(problems).toEqual([
      { nodeId: "a", path: "nodes.0.input", code: "missing_node", params: { node: "a", ref: "ghost" } },
      { nodeId: "b", path: "nodes.1.input", code: "not_upstream", params: { node: "b", ref: "c" } },
    ]);
    expect(problemMessage(problems[0]!)).toBe("Node “a” refers to the output of “ghost”, which does not exist.");
  });

  it("refuses an unknown agent, a bad template, a duplicate id, a dangling edge", async () => {
    const problems = await findProblems(def([agent("a", "x", OTHER), agent("b", "{{ nodes.a }}"), agent("b")]), known);
    expect(problems.map((p) => [p.code, p.nodeId, p.path])).toEqual([["duplicate_id", "b", "nodes.2.id"]]);
    const again = await findProblems(def([agent("a", "x", OTHER), agent("b", "{{ nodes.a }} and {{input.q}}")]), known);
    expect(again.map((p) => [p.code, p.nodeId, p.path])).toEqual([
      ["unknown_agent", "a", "nodes.0.agentId"],
      ["bad_template", "b", "nodes.1.input"],
    ]);
    const dangling = await findProblems(def([agent("a")], [{ from: "a", to: "zzz" }]), known);
    expect(dangling[0]).toMatchObject({ code: "unknown_edge_node", path: "edges.0.to" });
  });

  it("refuses webhook URLs that are not https or point at private addresses", async () => {
    const hook = (id: string, url: string) => ({ id, kind: "webhook", url });
    const problems = await findProblems(
      def([
        hook("a", "http://example.com/x"),
        hook("b", "https://127.0.0.1/x"),
        hook("c", "https://10.1.2.3/"),
        hook("d", "https://localhost/"),
        hook("e", "https://example.com/hook"),
      ]),
      known,
    );
    expect(problems.map((p) => [p.nodeId, p.code])).toEqual([
      ["a", "bad_url"],
      ["b", "private_url"],
      ["c", "private_url"],
      ["d", "private_url"],
    ]);
  });

  it("only conditions and approvals branch", async () => {
    const [problem] = await findProblems(def([agent("a"), agent("b")], [{ from: "a", to: "b", branch: "false" }]), known);
    expect(problem).toMatchObject({ code: "branch_not_allowed", nodeId: "a", path: "edges.0.branch" });
  });

  it("builds a 400 whose message names the first node, with every field path, in both languages", async () => {
    const problems = await findProblems(def([agent("a", "{{nodes.zz.output.x}}", OTHER)]), known);
    const en = definitionError(problems);
    expect(en.message).toBe("The workflow is not valid: Node “a” refers to the output of “zz”, which does not exist.");
    expect(en.details).toMatchObject({
      fields: { "definition.nodes.0.input": expect.stringContaining("“zz”"), "definition.nodes.0.agentId": expect.stringContaining("“a”") },
    });
    expect(definitionError(problems, "zh-CN").message).toBe("工作流无效：节点“a”引用了“zz”的输出，但该节点不存在。");
  });
});

describe("templates", () => {
  const scope = {
    input: { message: "Where is my order?", n: 3, o: { k: true } },
    nodes: { a: { output: { text: "billing", list: [1, 2] } } },
  };

  it("fills input and node outputs; strings as they are, other values as JSON, missing as nothing", () => {
    expect(
      renderTemplate(
        "Q: {{input.message}} / {{ nodes.a.output.text }} / {{input.n}} / {{input.o}} / {{nodes.a.output.list}} / [{{input.nope}}] [{{nodes.b.output.x}}]",
        scope,
      ),
    ).toBe('Q: Where is my order? / billing / 3 / {"k":true} / [1,2] / [] []');
  });

  it("refuses anything but input.* and nodes.<id>.output.* references", () => {
    for (const bad of ["{{process.env.X}}", "{{nodes.a.text}}", "{{input.a + 1}}", "{{input", "x }} y", "{{}}", "{{nodes.a['output']}}"]) {
      expect(() => parseTemplate(bad), bad).toThrow(TemplateError);
    }
    expect(parseTemplate("plain text")).toEqual([{ text: "plain text" }]);
  });
});

describe("the condition grammar", () => {
  const scope = {
    input: { tier: "gold", amount: "150" },
    nodes: { d: { output: { riskLevel: "high", score: 72, tags: ["vip"], text: "Refund Approved" } } },
  };
  const holds = (expression: string) => evaluateCondition(parseCondition(expression), scope);

  it("compares a reference with a literal, with and / or / not and parentheses", () => {
    expect(holds('{{nodes.d.output.riskLevel}} == "high"')).toBe(true);
    expect(holds("{{nodes.d.output.riskLevel}} != 'high'")).toBe(false);
    expect(holds("{{nodes.d.output.score}} >= 70 and {{input.amount}} > 100")).toBe(true);
    expect(holds('{{nodes.d.output.score}} < 50 or {{input.tier}} == "gold"')).toBe(true);
    expect(holds('not ({{input.tier}} == "gold" && {{input.amount}} < 100)')).toBe(true);
    expect(holds('{{nodes.d.output.tags}} contains "vip"')).toBe(true);
    expect(holds('{{nodes.d.output.text}} contains "approved"')).toBe(true);
    expect(holds("{{nodes.missing.output.x}} == null")).toBe(true);
    expect(holds("{{input.amount}} == 150")).toBe(true);
  });

  it("is not code: anything outside the grammar is refused with where it failed", () => {
    for (const bad of [
      "process.exit(1)",
      '{{input.tier}} == "gold" ;',
      "{{input.tier}}",
      "{{input.tier}} == ",
      "1 == 1",
      "{{input.tier}} = 'x'",
      "({{input.tier}} == 'x'",
      "{{constructor.constructor}} == 1",
      "{{input.tier}} == `x`",
    ]) {
      expect(() => parseCondition(bad), bad).toThrow(ConditionError);
    }
  });
});
