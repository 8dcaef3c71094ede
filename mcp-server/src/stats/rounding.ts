/**
 * Python-compatible rounding and number formatting (spec §3.11).
 *
 * Python's `round(x, n)` and `format(x, ".nf")` round half-to-even on the EXACT binary value of the
 * double, then (for `round`) convert the correctly rounded decimal back to the nearest double. JS
 * `toFixed`/`Math.round` round halves up and so differ on values such as 4.25, 0.125 or 480.625.
 *
 * Everything here works on the exact rational value `mantissa × 2^exponent` with BigInt arithmetic,
 * so there are no epsilon hacks: 2.675 really is 2.67499999999999982236431605997495353221893310546875
 * and rounds to 2.67, exactly as in Python.
 */

const BIG_0 = BigInt(0);
const BIG_1 = BigInt(1);
const BIG_2 = BigInt(2);
const BIG_10 = BigInt(10);

/** Exact decomposition of a finite double: |x| = mantissa × 2^exponent. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << BigInt(32)) | BigInt(lo);
  if (biasedExp === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (BIG_1 << BigInt(52)), exponent: biasedExp - 1075 };
}

/**
 * round(|x| × 10^ndigits) to an integer, half to even, computed exactly.
 * `x` must be finite.
 */
function scaledHalfEven(x: number, ndigits: number): bigint {
  const { mantissa, exponent } = decompose(Math.abs(x));
  // value × 10^ndigits = num / den exactly.
  let num = mantissa;
  let den = BIG_1;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (ndigits >= 0) num *= BIG_10 ** BigInt(ndigits);
  else den *= BIG_10 ** BigInt(-ndigits);
  const q = num / den;
  const twiceRem = (num % den) * BIG_2;
  if (twiceRem > den || (twiceRem === den && q % BIG_2 !== BIG_0)) return q + BIG_1;
  return q;
}

/** True for negative numbers and for -0 (Python keeps the sign of -0.0 when formatting). */
function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/**
 * Python's `round(x, ndigits)`: half-to-even on the exact binary value of `x`, result is the double
 * nearest to the correctly rounded decimal. `ndigits` may be negative (`pyRound(1250, -2)` = 1200).
 * NaN and ±Infinity are returned unchanged (Python would raise for `round(inf)` without ndigits;
 * callers here never pass them).
 *
 * @example pyRound(2.5) === 2; pyRound(4.25, 1) === 4.2; pyRound(2.675, 2) === 2.67
 */
export function pyRound(x: number, ndigits = 0): number {
  if (!Number.isFinite(x)) return x;
  if (!Number.isInteger(ndigits)) throw new RangeError(`ndigits must be an integer, got ${ndigits}`);
  // Fast path (reports round thousands of values): away from a tie, the float product decides the same
  // way as the exact value, and integer ÷ 10^n is the correctly rounded double of the decimal result.
  if (ndigits >= 0 && ndigits <= 15) {
    const scale = 10 ** ndigits;
    const scaled = x * scale;
    if (Math.abs(scaled) < 1e15) {
      const floor = Math.floor(scaled);
      const frac = scaled - floor;
      if (Math.abs(frac - 0.5) > 1e-6) {
        const result = (frac < 0.5 ? floor : floor + 1) / scale;
        return result === 0 && isNegative(x) ? -0 : result;
      }
    }
  }
  const q = scaledHalfEven(x, ndigits);
  const magnitude = Number(`${q}e${-ndigits}`);
  return isNegative(x) ? -magnitude : magnitude;
}

/**
 * Python's `format(x, ".{digits}f")`: fixed-point text with exact half-to-even rounding.
 * Negative values (and -0.0) keep their minus sign, as in Python (`format(-0.04, ".1f")` → "-0.0").
 *
 * @example pyFormatFixed(4.25, 1) === "4.2"; pyFormatFixed(2, 2) === "2.00"
 */
export function pyFormatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (!Number.isInteger(digits) || digits < 0) {
    throw new RangeError(`digits must be a non-negative integer, got ${digits}`);
  }
  const sign = isNegative(x) ? "-" : "";
  const q = scaledHalfEven(x, digits).toString();
  if (digits === 0) return sign + q;
  const padded = q.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Python's `"{:,.{digits}f}".format(x)`: fixed-point with a comma every three integer digits.
 *
 * @example pyFormatThousands(1234.5, 2) === "1,234.50"; pyFormatThousands(-1234.5, 2) === "-1,234.50"
 */
export function pyFormatThousands(x: number, digits: number): string {
  const fixed = pyFormatFixed(x, digits);
  if (!Number.isFinite(x)) return fixed;
  const sign = fixed.startsWith("-") ? "-" : "";
  const body = sign ? fixed.slice(1) : fixed;
  const dot = body.indexOf(".");
  const intPart = dot === -1 ? body : body.slice(0, dot);
  const rest = dot === -1 ? "" : body.slice(dot);
  return sign + intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + rest;
}

/**
 * Python's `"{:.{digits}%}".format(x)`: multiplies by 100 in double arithmetic (as CPython does),
 * formats fixed-point and appends "%".
 *
 * @example pyFormatPercent(0.25, 0) === "25%"; pyFormatPercent(0.343, 1) === "34.3%"
 */
export function pyFormatPercent(x: number, digits: number): string {
  return `${pyFormatFixed(x * 100, digits)}%`;
}

/**
 * Python's `str(x)` / `repr(x)` for a float: shortest round-trip digits, always with a decimal point
 * or exponent (`4.0`, `2.5`, `0.1`, `1e-05`, `1e+16`). Exponent notation is used when the decimal
 * exponent is below -4 or at least 16, as in Python.
 */
export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = isNegative(x) ? "-" : "";
  // toExponential() with no argument gives the shortest digits that round-trip, like Python's repr.
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!match) return String(x);
  const digits = (match[1] ?? "") + (match[2] ?? "");
  const exp = Number(match[3]);
  if (exp < -4 || exp >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expAbs = String(Math.abs(exp)).padStart(2, "0");
    return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${expAbs}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits.padEnd(exp + 1, "0")}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
