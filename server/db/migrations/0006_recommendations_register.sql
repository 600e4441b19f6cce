CREATE TABLE "action_recommendations" (
	"action_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "action_recommendations_action_id_recommendation_id_pk" PRIMARY KEY("action_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "action_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"body" text NOT NULL,
	"rag" text,
	"update_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_person_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"rag" text,
	"completed_on" date,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assurance_request_recommendations" (
	"assurance_request_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "assurance_request_recommendations_assurance_request_id_recommendation_id_pk" PRIMARY KEY("assurance_request_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "assurance_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"due_on" date NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"judgement" text,
	"judgement_reasons" text,
	"judged_on" date,
	"judged_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_check_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"impact_check_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"practice_change" text,
	"outcomes" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "impact_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"months" integer NOT NULL,
	"due_on" date NOT NULL,
	"judgement" text,
	"judgement_reasons" text,
	"judged_on" date,
	"judged_by" uuid,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_agencies" (
	"recommendation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	CONSTRAINT "recommendation_agencies_recommendation_id_agency_id_pk" PRIMARY KEY("recommendation_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation_settings" (
	"partnership_id" uuid PRIMARY KEY NOT NULL,
	"impact_check_months" integer[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"detail" text,
	"source_kind" text NOT NULL,
	"source_title" text NOT NULL,
	"source_type" text,
	"source_id" uuid,
	"source_date" date,
	"theme_id" uuid,
	"priority" text DEFAULT 'medium' NOT NULL,
	"monitoring_group_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"agreed_on" date,
	"closed_on" date,
	"closure_approved_by" text,
	"closure_meeting" text,
	"closure_recorded_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"agency_id" uuid,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "scrutiny_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"scope" text,
	"lead_person_id" uuid,
	"lead_name" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_on" date,
	"reported_on" date,
	"findings" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_recommendations" ADD CONSTRAINT "action_recommendations_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_recommendations" ADD CONSTRAINT "action_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_person_id_people_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_request_recommendations" ADD CONSTRAINT "assurance_request_recommendations_assurance_request_id_assurance_requests_id_fk" FOREIGN KEY ("assurance_request_id") REFERENCES "public"."assurance_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_request_recommendations" ADD CONSTRAINT "assurance_request_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_requests" ADD CONSTRAINT "assurance_requests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_requests" ADD CONSTRAINT "assurance_requests_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_requests" ADD CONSTRAINT "assurance_requests_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_requests" ADD CONSTRAINT "assurance_requests_judged_by_people_id_fk" FOREIGN KEY ("judged_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_requests" ADD CONSTRAINT "assurance_requests_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_check_evidence" ADD CONSTRAINT "impact_check_evidence_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_check_evidence" ADD CONSTRAINT "impact_check_evidence_impact_check_id_impact_checks_id_fk" FOREIGN KEY ("impact_check_id") REFERENCES "public"."impact_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_check_evidence" ADD CONSTRAINT "impact_check_evidence_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_check_evidence" ADD CONSTRAINT "impact_check_evidence_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_checks" ADD CONSTRAINT "impact_checks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_checks" ADD CONSTRAINT "impact_checks_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_checks" ADD CONSTRAINT "impact_checks_judged_by_people_id_fk" FOREIGN KEY ("judged_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_agencies" ADD CONSTRAINT "recommendation_agencies_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_agencies" ADD CONSTRAINT "recommendation_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_agencies" ADD CONSTRAINT "recommendation_agencies_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_monitoring_group_id_governance_groups_id_fk" FOREIGN KEY ("monitoring_group_id") REFERENCES "public"."governance_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_closure_recorded_by_people_id_fk" FOREIGN KEY ("closure_recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_files" ADD CONSTRAINT "register_files_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_files" ADD CONSTRAINT "register_files_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_files" ADD CONSTRAINT "register_files_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_files" ADD CONSTRAINT "register_files_removed_by_people_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrutiny_reviews" ADD CONSTRAINT "scrutiny_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrutiny_reviews" ADD CONSTRAINT "scrutiny_reviews_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_recommendations_rec_idx" ON "action_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_agency_idx" ON "actions" USING btree ("partnership_id","agency_id","status","due_on");--> statement-breakpoint
CREATE INDEX "actions_due_idx" ON "actions" USING btree ("partnership_id","status","due_on");--> statement-breakpoint
CREATE INDEX "actions_owner_idx" ON "actions" USING btree ("owner_person_id");--> statement-breakpoint
CREATE INDEX "assurance_request_recommendations_rec_idx" ON "assurance_request_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "assurance_requests_agency_idx" ON "assurance_requests" USING btree ("partnership_id","agency_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "impact_check_evidence_uq" ON "impact_check_evidence" USING btree ("impact_check_id","agency_id");--> statement-breakpoint
CREATE INDEX "impact_check_evidence_agency_idx" ON "impact_check_evidence" USING btree ("partnership_id","agency_id");--> statement-breakpoint
CREATE INDEX "impact_checks_rec_idx" ON "impact_checks" USING btree ("recommendation_id","due_on");--> statement-breakpoint
CREATE INDEX "impact_checks_due_idx" ON "impact_checks" USING btree ("partnership_id","due_on");--> statement-breakpoint
CREATE INDEX "recommendation_agencies_agency_idx" ON "recommendation_agencies" USING btree ("partnership_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_number_uq" ON "recommendations" USING btree ("partnership_id","number");--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("partnership_id","status","number");--> statement-breakpoint
CREATE INDEX "recommendations_theme_idx" ON "recommendations" USING btree ("partnership_id","theme_id");--> statement-breakpoint
CREATE INDEX "recommendations_source_idx" ON "recommendations" USING btree ("partnership_id","source_kind");--> statement-breakpoint
CREATE INDEX "recommendations_source_ref_idx" ON "recommendations" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "register_files_owner_idx" ON "register_files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "scrutiny_reviews_partnership_idx" ON "scrutiny_reviews" USING btree ("partnership_id","kind","status");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_name_uq" ON "themes" USING btree ("partnership_id",lower("name"));