/** The help text of every command, shown by `chartlink <command> --help`. */
export const HELP: Record<string, string> = {
  main: `chartlink: ties Aesthetic Record procedures to their invoices, with a nightly Slack digest.

Usage: chartlink <command> [flags]

Commands:
  demo          a fresh embedded database, the demo practice, and yesterday's digests, printed
  migrate       bring the database at DATABASE_URL to the latest schema
  seed-demo     fill an empty database with the demo practice
  reconcile     find open appointments and post (or print) each clinic's digest
  suggest       rank candidate procedures for invoices (offline cases or the database)
  worker        run the nightly digests on schedule, each clinic at its local DIGEST_TIME
  serve         run the Slack app (HTTP or Socket Mode), optionally with the worker

Run chartlink <command> --help for its flags. Configuration comes from the environment;
see the README.`,

  migrate: `Usage: chartlink migrate

Brings the database at DATABASE_URL (default ./data/chartlink.sqlite) to the latest schema.`,

  'seed-demo': `Usage: chartlink seed-demo [--scale N]

Migrates the database at DATABASE_URL, then fills it with the demo practice: 3 clinics,
about 2,000 patients and 90 days of appointments ending yesterday. The database must hold
no clinics yet.

  --scale N   multiply the number of patients by N (default 1); the calendar stays
              90 days of the same providers`,

  reconcile: `Usage: chartlink reconcile [--clinic ID] [--date YYYY-MM-DD] [--dry-run] [--json]

For each clinic (or one), reconciles the local day (default: yesterday in the clinic's time
zone) plus items still open from the last DIGEST_LOOKBACK_DAYS days. With SLACK_BOT_TOKEN
it posts the digest to the clinic's channel once per clinic and day; without, it prints it.

  --clinic ID        only this clinic
  --date YYYY-MM-DD  the clinic-local day to reconcile
  --dry-run          post and record nothing
  --json             print the chat.postMessage payloads as a JSON array`,

  suggest: `Usage: chartlink suggest --cases FILE.jsonl
       chartlink suggest --invoice NUMBER [--json]

Ranks candidate procedures for invoices. --cases reads offline cases (one JSON object a
line) and prints one prediction line per case: {"id", "ranked", "confident"}.
--invoice ranks the open procedures of that invoice's patient in the database.`,

  worker: `Usage: chartlink worker

Schedules each clinic's digest at DIGEST_TIME (default 07:00) in the clinic's own time zone,
catches up a run missed while it was down, and stops cleanly on SIGTERM or SIGINT.`,

  serve: `Usage: chartlink serve [--with-worker]

Runs the Slack app: HTTP mode on PORT (default 3000) when SLACK_SIGNING_SECRET is set,
Socket Mode when SLACK_APP_TOKEN is set instead. GET /healthz answers 200 while the
database does.

  --with-worker   also run the nightly scheduler in this process`,

  demo: `Usage: chartlink demo [--json]

Creates a fresh embedded database at ./data/demo.sqlite, seeds the demo practice and
prints yesterday's digest of every clinic. Needs nothing but Node.js.

  --json   print the chat.postMessage payloads as a JSON array instead`,
};
