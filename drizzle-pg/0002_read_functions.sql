-- Custom migration (issue 14): the read model's SQL functions that lib/queries/scope.ts registers on SQLite
-- from the stats package, with the same results (lib/db/pg-functions.pg.test.ts compares them with the
-- package's pyRound / classifyGap on edge values).
--
-- py_round(x, n): Python's round(x, n) (mcp-server/src/stats/rounding.ts `pyRound`): half to even on the
-- EXACT binary value of the double, then the double nearest the rounded decimal. NaN and ±Infinity come
-- back unchanged, NULL gives NULL, -0.0 keeps its sign, n may be negative. Away from a tie the float
-- product decides (the package's fast path, bit for bit: same IEEE operations); near one, the double is
-- taken apart (sign, exponent, 52-bit fraction) and rounded with exact NUMERIC integer arithmetic.
CREATE FUNCTION py_round(x double precision, n integer DEFAULT 0) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
	negative boolean := get_byte(float8send(x), 0) >= 128;
	scale double precision;
	scaled double precision;
	fl double precision;
	frac double precision;
	result double precision;
	bits bigint;
	biased integer;
	exponent integer;
	num numeric;
	den numeric := 1;
	q numeric;
	twice_rem numeric;
BEGIN
	IF x = 'NaN'::float8 OR x = 'Infinity'::float8 OR x = '-Infinity'::float8 THEN
		RETURN x;
	END IF;
	-- Beyond 1e290 the product could overflow, which PostgreSQL raises as an error (JS gives Infinity, and
	-- the package then takes the exact path, as here: such a product is far above 1e15 anyway).
	IF n >= 0 AND n <= 15 AND abs(x) < 1e290 THEN
		scale := 10::float8 ^ n;
		scaled := x * scale;
		IF abs(scaled) < 1e15 THEN
			fl := floor(scaled);
			frac := scaled - fl;
			IF abs(frac - 0.5) > 1e-6 THEN
				result := (CASE WHEN frac < 0.5 THEN fl ELSE fl + 1 END) / scale;
				IF result = 0 AND negative THEN
					RETURN '-0'::float8;
				END IF;
				RETURN result;
			END IF;
		END IF;
	END IF;
	bits := ('x' || encode(float8send(abs(x)), 'hex'))::bit(64)::bigint;
	biased := ((bits >> 52) & 2047)::integer;
	num := (bits & 4503599627370495)::numeric;
	IF biased = 0 THEN
		exponent := -1074;
	ELSE
		num := num + 4503599627370496;
		exponent := biased - 1075;
	END IF;
	IF exponent >= 0 THEN
		num := num * power(2::numeric, exponent);
	ELSE
		den := power(2::numeric, -exponent);
	END IF;
	IF n >= 0 THEN
		num := num * power(10::numeric, n);
	ELSE
		den := den * power(10::numeric, -n);
	END IF;
	q := div(num, den);
	twice_rem := mod(num, den) * 2;
	IF twice_rem > den OR (twice_rem = den AND mod(q, 2) <> 0) THEN
		q := q + 1;
	END IF;
	result := (trunc(q)::text || 'e' || (-n)::text)::float8;
	RETURN CASE WHEN negative THEN -result ELSE result END;
END
$$;
--> statement-breakpoint
-- classify_gap(minutes): the stats package's classifyGap (mcp-server/src/stats/gaps.ts, thresholds 5, 30 and
-- 120 minutes): 'quick' below 5, 'normal' below 30, 'extended' below 120, else 'long_break' (NaN too).
CREATE FUNCTION classify_gap(m double precision) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE WHEN m < 5 THEN 'quick' WHEN m < 30 THEN 'normal' WHEN m < 120 THEN 'extended' ELSE 'long_break' END
$$;
