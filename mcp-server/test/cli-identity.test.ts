/** resolveIdentity: git user.name → OS user; .ai_sessions.yaml (up to the git root) → folder name. */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveIdentity } from "../src/identity/resolve-identity.js";
import { cliTempDir } from "./helpers/cli-run.js";

function gitEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
    USER: "os-user-from-env",
    ...extra,
  };
}

/** root/{home, repo (git init)/sub/deeper}. */
function layout() {
  const root = cliTempDir("ast-identity-");
  const home = join(root, "home");
  const repo = join(root, "repo");
  const deeper = join(repo, "sub", "deeper");
  mkdirSync(home, { recursive: true });
  mkdirSync(deeper, { recursive: true });
  execFileSync("git", ["init", "-q", repo], { env: gitEnv(home) });
  return { root, home, repo, deeper };
}

describe("resolveIdentity", () => {
  it("takes developer from git config user.name and project from .ai_sessions.yaml at the git root", async () => {
    const { home, repo, deeper } = layout();
    execFileSync("git", ["config", "user.name", "Jane Doe"], { cwd: repo, env: gitEnv(home) });
    writeFileSync(join(repo, ".ai_sessions.yaml"), "project: payments-api\nother: 1\n");
    const id = await resolveIdentity({ cwd: deeper, env: gitEnv(home) });
    expect(id).toEqual({
      developer: "Jane Doe",
      developerSource: "git",
      project: "payments-api",
      projectSource: "ai_sessions.yaml",
      warnings: [],
    });
  });

  it("prefers the nearest .ai_sessions.yaml", async () => {
    const { home, repo, deeper } = layout();
    writeFileSync(join(repo, ".ai_sessions.yaml"), "project: outer\n");
    writeFileSync(join(repo, "sub", ".ai_sessions.yaml"), "project: inner\n");
    const id = await resolveIdentity({ cwd: deeper, env: gitEnv(home) });
    expect(id.project).toBe("inner");
  });

  it("does not look above the git root", async () => {
    const { root, home, deeper } = layout();
    writeFileSync(join(root, ".ai_sessions.yaml"), "project: above-the-repo\n");
    const id = await resolveIdentity({ cwd: deeper, env: gitEnv(home) });
    expect(id).toMatchObject({ project: "deeper", projectSource: "folder" });
  });

  it("outside a git work tree reads only the folder itself", async () => {
    const root = cliTempDir("ast-identity-nogit-");
    const child = join(root, "plain-folder");
    mkdirSync(child);
    writeFileSync(join(root, ".ai_sessions.yaml"), "project: parent\n");
    const id = await resolveIdentity({ cwd: child, env: gitEnv(root) });
    expect(id).toMatchObject({ project: "plain-folder", projectSource: "folder" });
    writeFileSync(join(child, ".ai_sessions.yaml"), "project: 2024\n");
    expect((await resolveIdentity({ cwd: child, env: gitEnv(root) })).project).toBe("2024");
  });

  it("falls back to USER, then USERNAME, when git has no user.name", async () => {
    const { home, repo } = layout();
    expect(await resolveIdentity({ cwd: repo, env: gitEnv(home) })).toMatchObject({
      developer: "os-user-from-env",
      developerSource: "os-user",
      project: "repo",
    });
    const env = gitEnv(home, { USERNAME: "windows-user" });
    delete env.USER;
    expect((await resolveIdentity({ cwd: repo, env })).developer).toBe("windows-user");
  });

  it("tolerates a missing git binary", async () => {
    const { home, repo } = layout();
    const id = await resolveIdentity({ cwd: repo, env: { ...gitEnv(home), PATH: "/nonexistent" } });
    expect(id).toMatchObject({ developer: "os-user-from-env", developerSource: "os-user" });
  });

  it("uses os.userInfo() when no env variable names the user", async () => {
    const { home, repo } = layout();
    const env = gitEnv(home);
    delete env.USER;
    const id = await resolveIdentity({ cwd: repo, env });
    expect(id.developerSource).toBe("os-user");
    expect(id.developer.length).toBeGreaterThan(0);
  });

  it("warns and uses the folder name for invalid YAML or a missing/empty project key", async () => {
    const { home, repo } = layout();
    for (const [content, reason] of [
      ["project: [unclosed\n", "not valid YAML"],
      ["name: x\n", "no `project:` key"],
      ["project: '  '\n", "`project:` is empty"],
      ["- a list\n", "YAML mapping"],
    ] as const) {
      writeFileSync(join(repo, ".ai_sessions.yaml"), content);
      const id = await resolveIdentity({ cwd: repo, env: gitEnv(home) });
      expect(id).toMatchObject({ project: "repo", projectSource: "folder" });
      expect(id.warnings.join("\n")).toContain(reason);
    }
  });
});
