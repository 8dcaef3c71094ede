import { DEFAULT_PRICE_ROWS } from "ai-session-tracker-mcp/stats";
import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { can } from "@/lib/auth/roles";
import { SCOPE_HINTS, scopesForRole } from "@/lib/auth/scopes";
import { listAllApiTokens, listApiTokens } from "@/lib/auth/tokens";
import { getCustomPriceRows, PRICE_CSV_COLUMNS, priceRowsToCsv } from "@/lib/pricing-settings";
import { requireUser } from "@/lib/server/auth";
import { getSettings, getStore } from "@/lib/server/data";
import { ApiTokensTable } from "./api-tokens-table";
import { IngestStatus } from "./ingest-status";
import { PriceTable } from "./price-table";
import { PricingForm } from "./pricing-form";
import { AssumptionsForm, CreateTokenForm, MethodSettingsForm, SyncSettingsForm } from "./settings-forms";
import { Section } from "./settings-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const settings = await getSettings();
  // An admin manages every user's tokens (one leaked token is revoked without disabling its owner).
  const tokens = can(user.role, "tokens:manage")
    ? await listAllApiTokens({ db: await getStore() })
    : await listApiTokens({ db: await getStore(), userId: user.id });
  const isAdmin = can(user.role, "settings:write");
  const tokenScopes = scopesForRole(user.role).map((scope) => ({ scope, hint: SCOPE_HINTS[scope] }));
  const aiHourly = settings.aiMonthlyCost / settings.workingHoursPerMonth;

  return (
    <>
      <PageHeader
        title="Settings"
        description="Cost assumptions behind every ROI figure, sync-status rules and API access for scripts."
      />
      <div className="flex flex-col gap-10">
        <Section
          title="ROI assumptions"
          description={
            <>
              Applied at once to every page. With these values an AI hour costs{" "}
              <strong className="font-medium text-tremor-content-strong tabular-nums">
                ${aiHourly.toFixed(2)}
              </strong>{" "}
              plus {Math.round(settings.oversightRatio * 100)} % of it as human oversight.
            </>
          }
        >
          {isAdmin ? (
            <AssumptionsForm values={settings} />
          ) : (
            <p className="text-tremor-default text-tremor-content">
              Only an admin can change the assumptions.
            </p>
          )}
        </Section>

        <Section
          title="ROI method"
          description={
            <>
              The Overview's headline figures (portal method): value = hours saved × hourly rate, with hours
              saved = delivered estimate − {Math.round(settings.engagementShare * 100)} % of session time; AI
              spend = active developers' seats × months × AI cost per seat. The hourly rate and seat price
              above apply here too.
            </>
          }
        >
          {isAdmin ? (
            <MethodSettingsForm values={settings} />
          ) : (
            <p className="text-tremor-default text-tremor-content">
              Engagement share {Math.round(settings.engagementShare * 100)} %, partial sessions at{" "}
              {Math.round(settings.partialWeight * 100)} %, outcome by{" "}
              {settings.outcomeSignal === "shipped" ? "shipped (git)" : "self-report"}. Only an admin can
              change them.
            </p>
          )}
        </Section>

        <Section title="Sync status" description="When the Sources page warns that a folder stopped syncing.">
          {isAdmin ? (
            <SyncSettingsForm
              staleAfterDays={settings.staleAfterDays}
              maxSessionHours={settings.maxSessionHours}
              minGroupSize={settings.minGroupSize}
            />
          ) : (
            <p className="text-tremor-default text-tremor-content">
              Sources are flagged stale after {settings.staleAfterDays} days without a change. Members see
              other people only in groups of at least {settings.minGroupSize}.
            </p>
          )}
        </Section>

        <Section
          title="Model prices"
          description="What measured token usage costs (Spend page, and the ROI method's spend where usage exists). USD per million tokens; a model without a price is listed as unpriced, never counted as $0."
        >
          <PriceTable rows={DEFAULT_PRICE_ROWS} />
          {isAdmin ? (
            <PricingForm
              csv={priceRowsToCsv(await getCustomPriceRows({ db: await getStore() }))}
              header={PRICE_CSV_COLUMNS.join(",")}
            />
          ) : (
            <p className="text-tremor-default text-tremor-content">Only an admin can add or change prices.</p>
          )}
        </Section>

        <Section title="Data" description="The folder the portal reads and the state of its watcher.">
          <IngestStatus />
        </Section>

        <Section
          title="API tokens"
          description={
            <>
              For scripts and reports: send{" "}
              <code className="font-mono text-tremor-label">Authorization: Bearer …</code> to{" "}
              <code className="font-mono text-tremor-label">/api/v1/…</code>. Tokens are stored hashed and
              shown once.
            </>
          }
        >
          <div className="flex flex-col gap-6">
            {isAdmin ? <CreateTokenForm scopes={tokenScopes} /> : null}
            <ApiTokensTable tokens={tokens} canManage={isAdmin} nowMs={Date.now()} />
          </div>
        </Section>
      </div>
    </>
  );
}
