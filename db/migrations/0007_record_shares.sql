CREATE TABLE "record_shares" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"share_slug" text NOT NULL,
	"share_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_shares" ADD CONSTRAINT "record_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "record_shares_slug_idx" ON "record_shares" USING btree ("share_slug");