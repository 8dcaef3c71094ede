import { describe, expect, it } from "vitest";
import { listeningLine, resolveListenHost } from "./listen-address";

describe("resolveListenHost", () => {
  it("binds loopback only when the public URL is this machine", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:4000/"])
      expect(resolveListenHost({ NEXTAUTH_URL: url })).toBe("127.0.0.1");
  });

  it("binds every interface when people open the portal by another name", () => {
    expect(resolveListenHost({ NEXTAUTH_URL: "https://portal.example.com" })).toBe("0.0.0.0");
  });

  it("PORTAL_HOST wins", () => {
    expect(resolveListenHost({ NEXTAUTH_URL: "http://localhost:3000", PORTAL_HOST: "0.0.0.0" })).toBe(
      "0.0.0.0",
    );
    expect(resolveListenHost({ NEXTAUTH_URL: "https://p.example.com", PORTAL_HOST: "10.0.0.5" })).toBe(
      "10.0.0.5",
    );
  });
});

describe("listeningLine", () => {
  it("says the URL and the address bound", () => {
    expect(listeningLine("http://localhost:3000/", "127.0.0.1")).toBe(
      "Portal listening on http://localhost:3000 (bound to 127.0.0.1:3000, this machine only)",
    );
    expect(listeningLine("https://portal.example.com", "0.0.0.0", "8080")).toBe(
      "Portal listening on https://portal.example.com (bound to 0.0.0.0:8080, all interfaces)",
    );
    expect(listeningLine("http://localhost:3000", "10.0.0.5")).toBe(
      "Portal listening on http://localhost:3000 (bound to 10.0.0.5:3000)",
    );
  });
});
