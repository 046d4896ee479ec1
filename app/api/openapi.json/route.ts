import { baseUrlFrom } from "@/server/http/app-url";
import { openApiDocument } from "@/server/trpc/openapi";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return Response.json(openApiDocument(baseUrlFrom(req.headers)));
}
