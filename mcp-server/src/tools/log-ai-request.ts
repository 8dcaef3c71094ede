import { logRequestInputSchema } from "../service/inputs.js";
import { logRequest } from "../service/requests.js";
import { APPENDS, defineTool } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const logAiRequest = defineTool({
  name: "log_ai_request",
  description:
    "Log an individual AI request/response record with token usage and cache stats. Standalone tracking — no session needed.",
  inputSchema: logRequestInputSchema,
  annotations: APPENDS,
  async run(ctx, input) {
    const { request } = await logRequest(ctx, input);
    return {
      text: `\n📋 **Request Logged**\n\n- **ID**: \`${request.id}\`\n- **Type**: ${input.request_type}\n- **Model**: ${input.model}\n- **Tokens**: ${input.tokens_in} in / ${input.tokens_out} out\n`,
      data: {
        request_id: request.id,
        type: input.request_type,
        model: input.model,
        tokens_in: input.tokens_in,
        tokens_out: input.tokens_out,
      },
    };
  },
});
