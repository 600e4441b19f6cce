CREATE TABLE "case_file_access" (
	"case_file_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"level" text NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_file_access_case_file_id_person_id_pk" PRIMARY KEY("case_file_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "case_file_themes" (
	"case_file_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	CONSTRAINT "case_file_themes_case_file_id_theme_id_pk" PRIMARY KEY("case_file_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"summary" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_review_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"agency_id" uuid,
	"due_on" date,
	"done_on" date,
	"notes" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"case_file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'commissioned' NOT NULL,
	"initiated_on" date NOT NULL,
	"recommend_national_review" boolean DEFAULT false NOT NULL,
	"reviewer_name" text,
	"reviewer_kind" text,
	"reviewer_appointed_on" date,
	"terms_of_reference" text,
	"family_involvement" text,
	"target_publication_on" date NOT NULL,
	"published_on" date,
	"delay_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rapid_review_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"rapid_review_id" uuid NOT NULL,
	"step" text NOT NULL,
	"position" integer NOT NULL,
	"owner_person_id" uuid,
	"due_on" date NOT NULL,
	"done_on" date,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rapid_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"case_file_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"decision" text,
	"recommend_national_review" boolean DEFAULT false NOT NULL,
	"decided_by" text,
	"decided_on" date,
	"justification" text,
	"decision_sent_on" date,
	"concerns_not_identified" boolean DEFAULT false NOT NULL,
	"thresholds_learning" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sar_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"case_file_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"referrer_agency_id" uuid,
	"has_care_and_support_needs" boolean NOT NULL,
	"concern_about_joint_working" boolean NOT NULL,
	"outcome" text NOT NULL,
	"acknowledge_due_on" date NOT NULL,
	"acknowledged_on" date,
	"decision" text,
	"decided_by" text,
	"decided_on" date,
	"justification" text,
	"concerns_not_identified" boolean DEFAULT false NOT NULL,
	"thresholds_learning" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "serious_incident_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"case_file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"became_aware_on" date NOT NULL,
	"harm" text,
	"abuse_or_neglect" text,
	"place" text,
	"age_at_death" integer,
	"notify_due_on" date NOT NULL,
	"notified_panel_on" date,
	"ofsted_notified_on" date,
	"late_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "case_file_id" uuid;--> statement-breakpoint
ALTER TABLE "case_file_access" ADD CONSTRAINT "case_file_access_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_access" ADD CONSTRAINT "case_file_access_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_access" ADD CONSTRAINT "case_file_access_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_access" ADD CONSTRAINT "case_file_access_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_themes" ADD CONSTRAINT "case_file_themes_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_themes" ADD CONSTRAINT "case_file_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_themes" ADD CONSTRAINT "case_file_themes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_events" ADD CONSTRAINT "case_review_events_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_events" ADD CONSTRAINT "case_review_events_review_id_case_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."case_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_events" ADD CONSTRAINT "case_review_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_review_events" ADD CONSTRAINT "case_review_events_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_review_steps" ADD CONSTRAINT "rapid_review_steps_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_review_steps" ADD CONSTRAINT "rapid_review_steps_rapid_review_id_rapid_reviews_id_fk" FOREIGN KEY ("rapid_review_id") REFERENCES "public"."rapid_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_review_steps" ADD CONSTRAINT "rapid_review_steps_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_reviews" ADD CONSTRAINT "rapid_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_reviews" ADD CONSTRAINT "rapid_reviews_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_reviews" ADD CONSTRAINT "rapid_reviews_notification_id_serious_incident_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."serious_incident_notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapid_reviews" ADD CONSTRAINT "rapid_reviews_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_referrals" ADD CONSTRAINT "sar_referrals_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_referrals" ADD CONSTRAINT "sar_referrals_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_referrals" ADD CONSTRAINT "sar_referrals_referrer_agency_id_agencies_id_fk" FOREIGN KEY ("referrer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sar_referrals" ADD CONSTRAINT "sar_referrals_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serious_incident_notifications" ADD CONSTRAINT "serious_incident_notifications_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serious_incident_notifications" ADD CONSTRAINT "serious_incident_notifications_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serious_incident_notifications" ADD CONSTRAINT "serious_incident_notifications_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_file_access_person_idx" ON "case_file_access" USING btree ("person_id","partnership_id");--> statement-breakpoint
CREATE INDEX "case_file_themes_theme_idx" ON "case_file_themes" USING btree ("partnership_id","theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_files_number_uq" ON "case_files" USING btree ("partnership_id","number");--> statement-breakpoint
CREATE INDEX "case_files_created_idx" ON "case_files" USING btree ("partnership_id","created_at");--> statement-breakpoint
CREATE INDEX "case_review_events_review_idx" ON "case_review_events" USING btree ("review_id","due_on");--> statement-breakpoint
CREATE INDEX "case_review_events_due_idx" ON "case_review_events" USING btree ("partnership_id","done_on","due_on");--> statement-breakpoint
CREATE INDEX "case_reviews_case_idx" ON "case_reviews" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "case_reviews_partnership_idx" ON "case_reviews" USING btree ("partnership_id","status","target_publication_on");--> statement-breakpoint
CREATE UNIQUE INDEX "rapid_review_steps_uq" ON "rapid_review_steps" USING btree ("rapid_review_id","step");--> statement-breakpoint
CREATE INDEX "rapid_review_steps_due_idx" ON "rapid_review_steps" USING btree ("partnership_id","done_on","due_on");--> statement-breakpoint
CREATE INDEX "rapid_review_steps_owner_idx" ON "rapid_review_steps" USING btree ("owner_person_id","done_on");--> statement-breakpoint
CREATE UNIQUE INDEX "rapid_reviews_case_uq" ON "rapid_reviews" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "rapid_reviews_due_idx" ON "rapid_reviews" USING btree ("partnership_id","decision_sent_on","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "sar_referrals_case_uq" ON "sar_referrals" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "sar_referrals_received_idx" ON "sar_referrals" USING btree ("partnership_id","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "serious_incident_notifications_case_uq" ON "serious_incident_notifications" USING btree ("case_file_id");--> statement-breakpoint
CREATE INDEX "serious_incident_notifications_due_idx" ON "serious_incident_notifications" USING btree ("partnership_id","notified_panel_on","notify_due_on");--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_case_file_id_case_files_id_fk" FOREIGN KEY ("case_file_id") REFERENCES "public"."case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "form_responses_case_file_idx" ON "form_responses" USING btree ("case_file_id");