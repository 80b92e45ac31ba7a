// bench/duckdb/bench.mjs: DuckDB's side of kfq's benchmark (bench/run.sh,
// docs/benchmarks.md, "DuckDB"). Not part of kfq: run by bench/run.sh with
// the package of bench/duckdb/package.json, which the bench installs there
// with `npm ci` on first use.
//
//   node bench.mjs version
//       prints "VERSION THREADS": DuckDB's version and the threads it uses
//   node bench.mjs load-data DB DATA_CSV TIMES
//       creates the table obs in the database file DB (a new file) and loads
//       DATA_CSV into it: read_csv with the four columns' types given
//       (unit, indicator, period VARCHAR; value DECIMAL(18,2), exact as kfq's
//       values), then CHECKPOINT, so that the rows are in the file
//   node bench.mjs load-rest DB DIR TIMES
//       loads DIR/units.csv, indicators.csv and targets.csv the same way
//   node bench.mjs query DB SQL TIMES
//       runs the query in the file SQL and writes its result to stdout as CSV
//       (a header line; fields quoted only when they must be; NULL empty)
//
// TIMES receives one line "open SECONDS work SECONDS threads N version V":
// the seconds taken inside the process to open the database, and to do the
// work alone (the load with its CHECKPOINT, or the query with reading all of
// its rows), by performance.now(). The time and memory of the whole process
// (node's start, loading the engine, writing the output) are measured from
// outside by run.sh.
//
// DUCKDB_THREADS, when set, is passed as SET threads; by default DuckDB
// uses as many threads as the machine has cores.
import { writeFileSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

function fail(msg) {
	process.stderr.write(`bench.mjs: ${msg}\n`);
	process.exit(1);
}

function sqlString(s) {
	return `'${s.replaceAll("'", "''")}'`;
}

function readCsv(path, columns) {
	const cols = Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ');
	return `read_csv(${sqlString(path)}, header = true, delim = ',', quote = '"', ` +
		`auto_detect = false, columns = {${cols}})`;
}

const OBS = { unit: 'VARCHAR', indicator: 'VARCHAR', period: 'VARCHAR', value: 'DECIMAL(18,2)' };
const UNIT = { code: 'VARCHAR', name: 'VARCHAR', kind: 'VARCHAR', parent: 'VARCHAR' };
const IND = {
	code: 'VARCHAR', name_zh: 'VARCHAR', measure: 'VARCHAR', kind: 'VARCHAR', agg: 'VARCHAR',
	decimals: 'INTEGER', headline: 'INTEGER',
};
const TGT = { unit: 'VARCHAR', indicator: 'VARCHAR', year: 'VARCHAR', value: 'DECIMAL(18,2)' };

function csvField(v) {
	if (v === null || v === undefined)
		return '';
	const s = String(v);
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

async function open(db) {
	const t0 = performance.now();
	const inst = await DuckDBInstance.create(db);
	const con = await inst.connect();
	if (process.env.DUCKDB_THREADS)
		await con.run(`SET threads = ${Number(process.env.DUCKDB_THREADS) | 0}`);
	const r = await con.runAndReadAll("SELECT version(), current_setting('threads')");
	const [version, threads] = r.getRows()[0];
	return { inst, con, version, threads: String(threads), open: (performance.now() - t0) / 1000 };
}

function times(file, o, work) {
	writeFileSync(file, `open ${o.open.toFixed(3)} work ${work.toFixed(3)} threads ${o.threads} version ${o.version}\n`);
}

const [cmd, ...args] = process.argv.slice(2);
try {
	if (cmd === 'version') {
		const o = await open(':memory:');
		process.stdout.write(`${o.version} ${o.threads}\n`);
	} else if (cmd === 'load-data' && args.length === 3) {
		const [db, csv, tf] = args;
		const o = await open(db);
		const t0 = performance.now();
		await o.con.run(`CREATE TABLE obs AS SELECT * FROM ${readCsv(csv, OBS)}`);
		await o.con.run('CHECKPOINT');
		times(tf, o, (performance.now() - t0) / 1000);
	} else if (cmd === 'load-rest' && args.length === 3) {
		const [db, dir, tf] = args;
		const o = await open(db);
		const t0 = performance.now();
		await o.con.run(`CREATE TABLE unit AS SELECT * FROM ${readCsv(`${dir}/units.csv`, UNIT)}`);
		await o.con.run(`CREATE TABLE ind AS SELECT * FROM ${readCsv(`${dir}/indicators.csv`, IND)}`);
		await o.con.run(`CREATE TABLE tgt AS SELECT * FROM ${readCsv(`${dir}/targets.csv`, TGT)}`);
		await o.con.run('CHECKPOINT');
		times(tf, o, (performance.now() - t0) / 1000);
	} else if (cmd === 'query' && args.length === 3) {
		const [db, sqlFile, tf] = args;
		const sql = readFileSync(sqlFile, 'utf8');
		const o = await open(db);
		const t0 = performance.now();
		const r = await o.con.runAndReadAll(sql);
		const rows = r.getRowsJS();
		const work = (performance.now() - t0) / 1000;
		const out = [r.columnNames().map(csvField).join(',')];
		for (const row of rows)
			out.push(row.map(csvField).join(','));
		process.stdout.write(out.join('\n') + '\n');
		times(tf, o, work);
	} else {
		fail('usage: node bench.mjs version | load-data DB DATA_CSV TIMES | load-rest DB DIR TIMES | query DB SQL TIMES');
	}
} catch (e) {
	fail(e.message);
}
