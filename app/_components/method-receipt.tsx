import Link from "next/link";

/** A setting a receipt depends on: its label and the settings field it links to. */
export interface ReceiptSetting {
  label: string;
  /** Input name on the settings form (`field-<name>` is its id). */
  field: string;
}

/**
 * A method receipt: a disclosure (`details`/`summary`, keyboard and screen-reader native, no script)
 * beside a headline figure, holding the formula with this view's numbers plugged in and links to the
 * settings that drive it. Numbers are server-rendered text.
 */
export function MethodReceipt({
  figure,
  lines,
  settings,
  testId,
}: {
  /** The figure's name, read out with the summary ("How value is computed"). */
  figure: string;
  /** One formula line each, numbers plugged in. */
  lines: string[];
  settings: readonly ReceiptSetting[];
  testId: string;
}) {
  return (
    <details className="group mt-1 text-tremor-label" data-testid={testId}>
      <summary className="cursor-pointer select-none text-tremor-brand hover:underline">
        Receipt<span className="sr-only">: how {figure} is computed</span>
      </summary>
      <div className="mt-1 rounded-tremor-small bg-tremor-background p-2 ring-1 ring-tremor-ring">
        <ul className="flex flex-col gap-0.5 font-mono text-tremor-content-strong tabular-nums break-words">
          {lines.map((l) => (
            <li key={l} data-testid={`${testId}-line`}>
              {l}
            </li>
          ))}
        </ul>
        {settings.length ? (
          <p className="mt-1.5 text-tremor-content">
            Set in Settings:{" "}
            {settings.map((s, i) => (
              <span key={s.field}>
                {i ? ", " : ""}
                <Link href={`/settings#field-${s.field}`} className="text-tremor-brand hover:underline">
                  {s.label}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </details>
  );
}
