/** The `usage` part of GET /api/v1/sessions/{…}: measured token usage joined to the session (issue 13). */
import { z } from "zod";
import type { SessionUsage } from "@/lib/queries/session-usage";
import { figures, figuresDto } from "./spend";

/** Schema of a session's measured usage (lib/queries/session-usage.ts). */
export const sessionUsageResponseSchema = z.strictObject({
  ...figures,
  records: z.number().meta({ description: "Usage records (conversation × model × hour) joined" }),
  unpriced_models: z.array(z.string()),
  rule: z.string().meta({ description: "How usage records were matched to the session" }),
});

/** {@link SessionUsage} → its snake_case body. */
export function sessionUsageDto(u: SessionUsage): z.output<typeof sessionUsageResponseSchema> {
  return { ...figuresDto(u), records: u.records, unpriced_models: u.unpricedModels, rule: u.rule };
}
