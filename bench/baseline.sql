-- baseline.sql: the sqlite3 baseline of the bulletin benchmark (see
-- docs/benchmarks.md). Run by bench/run.sh on a database where the shell's
-- `.import` loaded data.csv into obs, units.csv into unit, indicators.csv
-- into ind and targets.csv into tgt: plain tables of TEXT columns, no index.
--
-- Computes, for the province and each of its zones × every indicator, what
-- `kfq bulletin --period 2017-12 --unit province --format csv` prints: the
-- 2017 Jan-Dec total, growth on the 2016 Jan-Dec total, the 2017 target and
-- its completion. Sums are SQLite's binary floating point (REAL); they are
-- turned into exact hundredths only at the end, and percentages are rounded
-- half away from zero on those integers, as kfq rounds, so that the output
-- can be compared with kfq's line for line.
.mode csv
.headers on
WITH
  -- Each enterprise's two yearly totals first, then up the tree: enterprise
  -- -> park -> zone (the fastest of the formulations tried; joining every
  -- row to an enterprise -> zone mapping first was 2 to 5 times slower).
  es(ent, ind, ytd, prior) AS (
    SELECT unit, indicator,
           SUM(CASE WHEN period BETWEEN '2017-01' AND '2017-12' THEN value END),
           SUM(CASE WHEN period BETWEEN '2016-01' AND '2016-12' THEN value END)
    FROM obs GROUP BY unit, indicator),
  zs(zone, ind, ytd, prior) AS (
    SELECT p.parent, es.ind, SUM(es.ytd), SUM(es.prior)
    FROM es JOIN unit e ON e.code = es.ent JOIN unit p ON p.code = e.parent
    WHERE e.kind = 'enterprise'
    GROUP BY p.parent, es.ind),
  ps(zone, ind, ytd, prior) AS (
    SELECT 'province', ind, SUM(ytd), SUM(prior) FROM zs GROUP BY ind),
  al(k, zone, ind, yc, pc) AS (
    SELECT 0, zone, ind, CAST(round(ytd * 100) AS INTEGER), CAST(round(prior * 100) AS INTEGER)
    FROM ps
    UNION ALL
    SELECT 1, zone, ind, CAST(round(ytd * 100) AS INTEGER), CAST(round(prior * 100) AS INTEGER)
    FROM zs),
  fig AS (
    SELECT al.k, al.zone, u.name AS uname, i.name_zh, i.measure, CAST(i.headline AS INTEGER) AS pos,
           al.yc,
           ((al.yc - al.pc) * 2000 + CASE WHEN al.yc >= al.pc THEN al.pc ELSE -al.pc END)
             / (2 * al.pc) AS growth,
           CAST(t.value AS INTEGER) * 100 AS tc
    FROM al
    JOIN unit u ON u.code = al.zone
    JOIN ind i ON i.code = al.ind
    LEFT JOIN tgt t ON t.unit = al.zone AND t.indicator = al.ind AND t.year = '2017'),
  out AS (
    SELECT *, CASE WHEN tc THEN (yc * 2000 + tc) / (2 * tc) END AS completion FROM fig)
SELECT uname AS unit, name_zh AS indicator, measure,
       printf('%d.%02d', yc / 100, yc % 100) AS ytd,
       printf('%s%d.%d', CASE WHEN growth < 0 THEN '-' ELSE '' END, abs(growth) / 10,
              abs(growth) % 10) AS growth,
       printf('%s%d.%d', CASE WHEN growth < 0 THEN '-' ELSE '' END, abs(growth) / 10,
              abs(growth) % 10) AS comparable_growth,
       CASE WHEN tc THEN printf('%d.%02d', tc / 100, tc % 100) END AS target,
       CASE WHEN tc THEN printf('%d.%d', completion / 10, completion % 10) END AS completion,
       CASE WHEN tc THEN printf('%d.%d', completion / 10, completion % 10) END AS time_progress
FROM out
ORDER BY k, zone, pos;
