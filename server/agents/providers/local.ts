import { classifyIntent, isChinese } from "./local-intent";
import { composeAnswer, keywordQuery, needsRetrieval, pickPassages, type Composed } from "./local-compose";
import { approxMessageTokens, approxTokens } from "./tokens";
import type { LocalContext, ModelEvent, ModelProvider, ModelRequest } from "./types";

/**
 * The `local` provider: no network, no model, the same answer for the same question and
 * documents. It classifies the last user message, retrieves from the tenant's knowledge base
 * through `localContext.search` (the runs engine supplies it; providers never touch the
 * database), composes an answer from the best passages citing "[1] Document title", and says
 * plainly when nothing relevant was found rather than inventing an answer.
 */

const SEARCH_LIMIT = 5;

/** The answer in word-sized chunks (a Chinese character pair counts as a word), as a model would stream it. */
export function wordChunks(text: string): string[] {
  return text.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{1,2}|[^\s\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+\s*|\s+/g) ?? [];
}

async function retrieve(context: LocalContext | undefined, question: string): Promise<Composed | null> {
  if (!context) return null;
  let hits = await context.search(question, SEARCH_LIMIT);
  // The whole sentence may be too strict for the search (every word required); its content words alone may match.
  const keywords = keywordQuery(question);
  if (hits.length === 0 && keywords && keywords !== question.trim()) hits = await context.search(keywords, SEARCH_LIMIT);
  return pickPassages(question, hits);
}

export function localProvider(config: { localContext?: LocalContext } = {}): ModelProvider {
  return {
    id: "local",
    async *stream(req: ModelRequest): AsyncIterable<ModelEvent> {
      req.signal.throwIfAborted();
      const question = req.messages.findLast((m) => m.role === "user")?.content ?? "";
      const intent = classifyIntent(question);
      const composed = needsRetrieval(intent) ? await retrieve(config.localContext, question) : null;
      const answer = composeAnswer(intent, isChinese(question) ? "zh" : "en", composed);
      let emitted = 0;
      for (const chunk of wordChunks(answer)) {
        req.signal.throwIfAborted();
        if (emitted + chunk.length > req.maxTokens * 4) break; // honour max tokens, approximately
        emitted += chunk.length;
        yield { type: "text", delta: chunk };
      }
      const truncated = emitted < answer.length;
      yield {
        type: "done",
        usage: { inputTokens: approxMessageTokens(req.messages), outputTokens: approxTokens(answer.slice(0, emitted)) },
        finishReason: truncated ? "length" : "stop",
      };
    },
  };
}
