"use client";

import "swagger-ui-react/swagger-ui.css";
import "./api-reference.css";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";

// Swagger UI renders in the browser only (it touches `window` while loading), from the portal's own
// bundle: no CDN script or style, so the nonce CSP ('strict-dynamic', no 'unsafe-eval') covers it.
const SwaggerUI = dynamic(() => import("swagger-ui-react"), { ssr: false });

/**
 * Names what Swagger UI leaves unnamed (swagger-api/swagger-ui#7350): its `<select>`s (the server list,
 * an enum parameter's values) get a label, and its example boxes, which scroll, become focusable so a
 * keyboard can scroll them. Its components take no attributes for these, so the DOM is completed as it
 * renders; idempotent, never touches anything already named.
 */
function completeAccessibility(root: HTMLElement): void {
  for (const select of root.querySelectorAll("select:not([aria-label])")) {
    const param = select.closest("tr[data-param-name]")?.getAttribute("data-param-name");
    select.setAttribute(
      "aria-label",
      select.id === "servers" ? "Server" : `Value of ${param ?? "the field"}`,
    );
  }
  for (const box of root.querySelectorAll<HTMLElement>(".highlight-code > pre:not([tabindex])")) {
    box.tabIndex = 0;
    box.setAttribute("aria-label", "Example");
  }
}

/**
 * The interactive reference of `/api/v1`, rendered by Swagger UI from the portal's OpenAPI document.
 * `aria-busy` until Swagger UI has rendered it (the layout/a11y checks wait for it). "Try it out" is
 * offered for reads only: a write from this page would act with the viewer's own session.
 */
export function ApiReference({ spec }: { spec: Record<string, unknown> }) {
  const [ready, setReady] = useState(false);
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    completeAccessibility(el);
    const observer = new MutationObserver(() => completeAccessibility(el));
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <section
      ref={root}
      aria-label="API operations"
      aria-busy={!ready}
      className="api-reference"
      data-testid="api-reference"
    >
      {ready ? null : <p className="api-reference-loading">Loading the API reference…</p>}
      <SwaggerUI
        spec={spec}
        onComplete={() => setReady(true)}
        docExpansion="list"
        defaultModelsExpandDepth={-1}
        supportedSubmitMethods={["get"]}
        deepLinking={false}
      />
    </section>
  );
}
