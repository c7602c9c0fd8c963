-- Issue #23 §2: snapshots of the in-process fit index (lib/fit/snapshot.ts), so a restarted process or a
-- new instance on the same PostgreSQL starts from the index as it was at a catalogue version and applies
-- only the logged changes since (job_changes) instead of reading every posting. One snapshot is several
-- rows (parts of 1 MB, each a bytea stored uncompressed) under one id, all written in one transaction, so a reader
-- sees a whole snapshot or none; two instances writing at once each write their own id (the newest
-- version wins and older ones are deleted). Nothing else refers to this table: losing it costs one full load.
CREATE TABLE "fit_index_snapshots" (
	"id" uuid NOT NULL,
	"part" integer NOT NULL,
	"parts" integer NOT NULL,
	"format" integer NOT NULL,
	"epoch" text NOT NULL,
	"version" bigint NOT NULL,
	"bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "fit_index_snapshots_id_part_pk" PRIMARY KEY("id","part")
);
--> statement-breakpoint
-- The parts are typed arrays (they hardly compress): stored uncompressed, read without decompressing.
ALTER TABLE "fit_index_snapshots" ALTER COLUMN "data" SET STORAGE EXTERNAL;
--> statement-breakpoint
CREATE INDEX "fit_index_snapshots_version_idx" ON "fit_index_snapshots" USING btree ("version") WHERE "part" = 0;
