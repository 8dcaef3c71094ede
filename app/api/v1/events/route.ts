import { toPortalError } from "@/lib/errors";
import { type IngestChangeEvent, subscribeIngestChanges } from "@/lib/runtime/events";
import { apiAuthRecheck, requireApiAuth } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events: one `ingest` event per ingest pass that changed data (`data` = IngestChangeEvent
 * JSON). Open pages listen through LiveRefresh and re-render. A comment heartbeat keeps proxies from
 * closing an idle stream; at each heartbeat the caller is checked again, and the stream ends once its
 * user is deleted or disabled or its token revoked.
 */
export async function GET(request: Request): Promise<Response> {
  let stillAllowed: () => Promise<boolean>;
  let own: readonly string[] | null;
  try {
    const principal = await requireApiAuth(request, "read");
    stillAllowed = apiAuthRecheck(request, principal);
    // Member privacy (lib/auth/privacy.ts): a member is told about changes to their own folders only by name.
    own = principal.developers;
  } catch (e) {
    return toPortalError(e).toResponse();
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 2000\n: connected\n\n");
      const unsubscribe = subscribeIngestChanges((event: IngestChangeEvent) => {
        const seen = own ? { ...event, developers: event.developers.filter((d) => own?.includes(d)) } : event;
        send(`event: ingest\ndata: ${JSON.stringify(seen)}\n\n`);
      });
      const heartbeat = setInterval(async () => {
        // A failed re-check (database unreachable) ends the stream too: the page reconnects and is re-checked.
        if (await stillAllowed().catch(() => false)) {
          send(": ping\n\n");
          return;
        }
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      }, HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
