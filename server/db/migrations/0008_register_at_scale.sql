ALTER TABLE "recommendations" ADD COLUMN "next_due_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "latest_judgement" text;--> statement-breakpoint
-- Two facts about a recommendation come from its actions and impact checks: the earliest due date still
-- waiting (an open action answering it, or a live unjudged impact check), and the judgement of its most
-- recently judged live check. Computed per read, they cost the Board summary and the overdue filter a
-- join of every open action and check of the partnership (about a second at 30,000 recommendations).
-- Kept on the recommendation instead, by statement-level triggers on the three tables they come from, so
-- they stay right whoever writes those tables (services, demo data, tests, imports). The app never
-- writes them. Overdue = open (agreed, in progress, impact check) and next_due_on before today.
CREATE OR REPLACE FUNCTION recommendations_refresh_derived(ids uuid[]) RETURNS void AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- Lock the recommendations first, always in the same order. The UPDATE below then takes a new snapshot,
  -- so it reads what a concurrent change to the same recommendations committed while we waited.
  PERFORM 1 FROM recommendations r JOIN (SELECT DISTINCT unnest(ids) AS id) x ON x.id = r.id
    ORDER BY r.id FOR UPDATE OF r;
  -- Set-based (one pass over each table however many recommendations), never a subquery per
  -- recommendation: a bulk load or import refreshes tens of thousands at once, maybe before ANALYZE.
  WITH x AS (SELECT DISTINCT unnest(ids) AS id),
  waiting_actions AS (
    SELECT ar.recommendation_id AS id, min(a.due_on) AS due
    FROM action_recommendations ar JOIN actions a ON a.id = ar.action_id
    WHERE ar.recommendation_id IN (SELECT id FROM x) AND a.status IN ('not_started', 'in_progress')
    GROUP BY ar.recommendation_id
  ),
  checks AS (
    SELECT ic.recommendation_id AS id,
      min(ic.due_on) FILTER (WHERE ic.judgement IS NULL) AS due,
      (array_agg(ic.judgement ORDER BY ic.judged_on DESC NULLS LAST, ic.months DESC, ic.id DESC)
        FILTER (WHERE ic.judgement IS NOT NULL))[1] AS latest
    FROM impact_checks ic
    WHERE ic.recommendation_id IN (SELECT id FROM x) AND ic.cancelled_at IS NULL
    GROUP BY ic.recommendation_id
  ),
  d AS (
    SELECT x.id, LEAST(wa.due, c.due) AS next_due_on, c.latest AS latest_judgement
    FROM x LEFT JOIN waiting_actions wa ON wa.id = x.id LEFT JOIN checks c ON c.id = x.id
  )
  UPDATE recommendations r
  SET next_due_on = d.next_due_on, latest_judgement = d.latest_judgement
  FROM d
  WHERE r.id = d.id
    AND (r.next_due_on IS DISTINCT FROM d.next_due_on OR r.latest_judgement IS DISTINCT FROM d.latest_judgement);
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- An action's status or due date changed: the recommendations it answers. (A new action has no links yet;
-- an action is deleted only after its links, which refresh on their own.)
CREATE OR REPLACE FUNCTION actions_refresh_recommendations() RETURNS trigger AS $$
BEGIN
  PERFORM recommendations_refresh_derived(ARRAY(
    SELECT ar.recommendation_id FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    JOIN action_recommendations ar ON ar.action_id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.due_on IS DISTINCT FROM o.due_on));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER actions_refresh_recommendations AFTER UPDATE ON actions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION actions_refresh_recommendations();--> statement-breakpoint
-- Links added, removed or changed: the recommendations on either side.
CREATE OR REPLACE FUNCTION action_links_refresh_recommendations() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM recommendations_refresh_derived(ARRAY(SELECT recommendation_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM recommendations_refresh_derived(ARRAY(SELECT recommendation_id FROM old_rows));
  ELSE
    PERFORM recommendations_refresh_derived(ARRAY(
      SELECT recommendation_id FROM old_rows UNION SELECT recommendation_id FROM new_rows));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER action_links_inserted AFTER INSERT ON action_recommendations
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION action_links_refresh_recommendations();--> statement-breakpoint
CREATE TRIGGER action_links_updated AFTER UPDATE ON action_recommendations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION action_links_refresh_recommendations();--> statement-breakpoint
CREATE TRIGGER action_links_deleted AFTER DELETE ON action_recommendations
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION action_links_refresh_recommendations();--> statement-breakpoint
-- Impact checks scheduled, judged, cancelled, moved or removed: their recommendations.
CREATE OR REPLACE FUNCTION impact_checks_refresh_recommendations() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM recommendations_refresh_derived(ARRAY(SELECT recommendation_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM recommendations_refresh_derived(ARRAY(SELECT recommendation_id FROM old_rows));
  ELSE
    PERFORM recommendations_refresh_derived(ARRAY(
      SELECT o.recommendation_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.recommendation_id, o.due_on, o.judgement, o.judged_on, o.months, o.cancelled_at)
        IS DISTINCT FROM (n.recommendation_id, n.due_on, n.judgement, n.judged_on, n.months, n.cancelled_at)
      UNION
      SELECT n.recommendation_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.recommendation_id IS DISTINCT FROM n.recommendation_id));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER impact_checks_inserted AFTER INSERT ON impact_checks
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION impact_checks_refresh_recommendations();--> statement-breakpoint
CREATE TRIGGER impact_checks_updated AFTER UPDATE ON impact_checks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION impact_checks_refresh_recommendations();--> statement-breakpoint
CREATE TRIGGER impact_checks_deleted AFTER DELETE ON impact_checks
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION impact_checks_refresh_recommendations();--> statement-breakpoint
-- Backfill every existing recommendation (before the index, which is then built once).
SELECT recommendations_refresh_derived(ARRAY(SELECT id FROM recommendations));--> statement-breakpoint
CREATE INDEX "actions_list_idx" ON "actions" USING btree ("partnership_id","due_on");--> statement-breakpoint
CREATE INDEX "impact_checks_open_idx" ON "impact_checks" USING btree ("partnership_id","due_on") WHERE "impact_checks"."cancelled_at" is null and "impact_checks"."judgement" is null;--> statement-breakpoint
CREATE INDEX "recommendations_next_due_idx" ON "recommendations" USING btree ("partnership_id","next_due_on");
