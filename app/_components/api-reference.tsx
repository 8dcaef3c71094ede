"use client";

import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";
import { useEffect, useRef, useState } from "react";

/**
 * Names what Swagger UI leaves unnamed (swagger-api/swagger-ui#7350): its `<select>`s (the server list,
 * an enum parameter's values) get a label, and its example boxes, which scroll, become focusable so a
 * keyboard can scroll them; its own `<main>` becomes a named region (the portal's `<main>` is the page's
 * one main landmark). Its components take no attributes for these, so the DOM is completed as it
 * renders; idempotent, never touches anything already named.
 */
function completeAccessibility(root: HTMLElement): void {
  for (const inner of root.querySelectorAll("main:not([role])")) {
    inner.setAttribute("role", "region");
    inner.setAttribute("aria-label", "Operations");
  }
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
 * Swagger UI's prebuilt bundle (swagger-ui-dist), loaded in the browser from the portal's own chunks (no
 * CDN: the nonce CSP with 'strict-dynamic' and no 'unsafe-eval' covers it). Not swagger-ui-react: built by
 * Turbopack its OpenAPI 3.1 resolver fails ("refract is not a function", vercel/next.js#86507), so an
 * operation never opens. `aria-busy` until Swagger UI has rendered (the layout/a11y checks wait for it).
 * "Try it out" is offered for reads only: a write from this page would act with the viewer's session.
 */
export function ApiReference({ spec }: { spec: Record<string, unknown> }) {
  const [ready, setReady] = useState(false);
  const root = useRef<HTMLElement>(null);
  const mount = useRef<HTMLDivElement>(null);
  // Rendered once: a live refresh re-sends the same document, and Swagger UI keeps its own state.
  const initialSpec = useRef(spec);
  useEffect(() => {
    const el = root.current;
    const target = mount.current;
    if (!el || !target) return;
    let cancelled = false;
    completeAccessibility(el);
    const observer = new MutationObserver(() => completeAccessibility(el));
    observer.observe(el, { childList: true, subtree: true });
    void import("swagger-ui-dist/swagger-ui-bundle.js").then(({ default: SwaggerUIBundle }) => {
      if (cancelled) return;
      SwaggerUIBundle({
        domNode: target,
        spec: initialSpec.current,
        docExpansion: "list",
        defaultModelsExpandDepth: -1,
        supportedSubmitMethods: ["get"],
        deepLinking: false,
        onComplete: () => {
          if (!cancelled) setReady(true);
        },
      });
    });
    return () => {
      cancelled = true;
      observer.disconnect();
    };
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
      <div ref={mount} />
    </section>
  );
}
