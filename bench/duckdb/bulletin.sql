-- bench/duckdb/bulletin.sql: DuckDB's baseline of the bulletin benchmark
-- (docs/benchmarks.md, "DuckDB"); bench/baseline.sql in DuckDB's dialect,
-- in the formulation fastest in DuckDB.
-- Run by bench/duckdb/bench.mjs on the database its load-data and load-rest
-- made: obs (unit, indicator, period VARCHAR; value DECIMAL(18,2)), unit,
-- ind and tgt, as read from data.csv, units.csv, indicators.csv and
-- targets.csv; no index, no key.
--
-- The same figures as `kfq bulletin --period 2017-12 --unit province
-- --format csv`: the province and each zone × every indicator, the 2017
-- Jan-Dec total, growth on the 2016 total, the 2017 target and completion.
-- The sums are exact (DECIMAL), taken as whole hundredths; percentages are
-- rounded half away from zero on those integers as kfq rounds (`//` and `%`
-- truncate toward zero, as in C and SQLite), so the output compares line by
-- line with kfq's and with bench/baseline.sql's.
WITH
  -- every row joined to its enterprise's zone (enterprise -> park -> zone)
  -- and summed there: in DuckDB faster than summing each enterprise first
  -- (bench/baseline.sql's way, the fastest in SQLite): at the province 2.0
  -- against 2.85 CPU seconds (docs/benchmarks.md, "DuckDB")
  zs AS (
    SELECT p.parent AS zone, o.indicator AS ind,
           SUM(CASE WHEN o.period BETWEEN '2017-01' AND '2017-12' THEN o.value END) AS ytd,
           SUM(CASE WHEN o.period BETWEEN '2016-01' AND '2016-12' THEN o.value END) AS prior
    FROM obs o JOIN unit e ON e.code = o.unit JOIN unit p ON p.code = e.parent
    WHERE e.kind = 'enterprise'
    GROUP BY p.parent, o.indicator),
  ps AS (
    SELECT 'province' AS zone, ind, SUM(ytd) AS ytd, SUM(prior) AS prior FROM zs GROUP BY ind),
  al AS (
    SELECT 0 AS k, zone, ind, CAST(ytd * 100 AS BIGINT) AS yc, CAST(prior * 100 AS BIGINT) AS pc
    FROM ps
    UNION ALL
    SELECT 1, zone, ind, CAST(ytd * 100 AS BIGINT), CAST(prior * 100 AS BIGINT)
    FROM zs),
  fig AS (
    SELECT al.k, al.zone, u.name AS uname, i.name_zh, i.measure, i.headline AS pos, al.yc,
           ((al.yc - al.pc) * 2000 + CASE WHEN al.yc >= al.pc THEN al.pc ELSE -al.pc END)
             // (2 * al.pc) AS growth,
           CAST(t.value * 100 AS BIGINT) AS tc
    FROM al
    JOIN unit u ON u.code = al.zone
    JOIN ind i ON i.code = al.ind
    LEFT JOIN tgt t ON t.unit = al.zone AND t.indicator = al.ind AND t.year = '2017'),
  res AS (
    SELECT *, CASE WHEN tc <> 0 THEN (yc * 2000 + tc) // (2 * tc) END AS completion FROM fig)
SELECT uname AS unit, name_zh AS indicator, measure,
       printf('%d.%02d', yc // 100, yc % 100) AS ytd,
       printf('%s%d.%d', CASE WHEN growth < 0 THEN '-' ELSE '' END, abs(growth) // 10,
              abs(growth) % 10) AS growth,
       printf('%s%d.%d', CASE WHEN growth < 0 THEN '-' ELSE '' END, abs(growth) // 10,
              abs(growth) % 10) AS comparable_growth,
       CASE WHEN tc <> 0 THEN printf('%d.%02d', tc // 100, tc % 100) END AS target,
       CASE WHEN tc <> 0 THEN printf('%d.%d', completion // 10, completion % 10) END AS completion,
       CASE WHEN tc <> 0 THEN printf('%d.%d', completion // 10, completion % 10) END AS time_progress
FROM res
ORDER BY k, zone, pos;
