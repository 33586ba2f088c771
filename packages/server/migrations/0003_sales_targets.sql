CREATE TABLE "customer_sales_rollups" (
	"company_id" integer NOT NULL,
	"month" date NOT NULL,
	"customer_id" integer NOT NULL,
	"category" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "customer_sales_rollups_pk" PRIMARY KEY("company_id","month","customer_id","category")
);
--> statement-breakpoint
CREATE TABLE "product_sales_rollups" (
	"company_id" integer NOT NULL,
	"month" date NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" bigint NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "product_sales_rollups_pk" PRIMARY KEY("company_id","month","product_id")
);
--> statement-breakpoint
CREATE TABLE "sales_rollups" (
	"company_id" integer NOT NULL,
	"metric" text NOT NULL,
	"grain" text NOT NULL,
	"period_start" date NOT NULL,
	"employee_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"category" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "sales_rollups_pk" PRIMARY KEY("company_id","metric","grain","period_start","employee_id","unit_id","category")
);
--> statement-breakpoint
CREATE TABLE "market_sizes" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"year" integer NOT NULL,
	"region" text NOT NULL,
	"category" text NOT NULL,
	"market_size_fen" bigint NOT NULL,
	"outlet_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_acknowledgements" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"employee_id" integer NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by_user_id" integer,
	"letter" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"parent_line_id" integer,
	"owner_kind" text NOT NULL,
	"unit_id" integer,
	"employee_id" integer,
	"period" text NOT NULL,
	"grain" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"target" bigint NOT NULL,
	"stretch" bigint NOT NULL,
	"challenge" bigint NOT NULL,
	"split_method" text,
	"split_inputs" jsonb,
	"unallocated" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"metric" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"version_no" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"previous_plan_id" integer,
	"reason" text DEFAULT '' NOT NULL,
	"allow_unallocated" boolean DEFAULT false NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_user_id" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "acquired_on" date DEFAULT now();--> statement-breakpoint
UPDATE "customers" c SET "acquired_on" = (c."created_at" AT TIME ZONE co."timezone")::date FROM "companies" co WHERE co."id" = c."company_id";--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "acquired_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "receipts" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "customer_sales_rollups" ADD CONSTRAINT "customer_sales_rollups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_sales_rollups" ADD CONSTRAINT "product_sales_rollups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_rollups" ADD CONSTRAINT "sales_rollups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_sizes" ADD CONSTRAINT "market_sizes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_acknowledgements" ADD CONSTRAINT "target_acknowledgements_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_acknowledgements" ADD CONSTRAINT "target_acknowledgements_plan_id_target_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."target_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_acknowledgements" ADD CONSTRAINT "target_acknowledgements_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_acknowledgements" ADD CONSTRAINT "target_acknowledgements_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_lines" ADD CONSTRAINT "target_lines_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_lines" ADD CONSTRAINT "target_lines_plan_id_target_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."target_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_lines" ADD CONSTRAINT "target_lines_parent_line_id_target_lines_id_fk" FOREIGN KEY ("parent_line_id") REFERENCES "public"."target_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_lines" ADD CONSTRAINT "target_lines_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_lines" ADD CONSTRAINT "target_lines_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_plans" ADD CONSTRAINT "target_plans_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_plans" ADD CONSTRAINT "target_plans_previous_plan_id_target_plans_id_fk" FOREIGN KEY ("previous_plan_id") REFERENCES "public"."target_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_plans" ADD CONSTRAINT "target_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_plans" ADD CONSTRAINT "target_plans_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "market_sizes_key" ON "market_sizes" USING btree ("company_id","year","region","category");--> statement-breakpoint
CREATE UNIQUE INDEX "target_acks_plan_employee" ON "target_acknowledgements" USING btree ("plan_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "target_lines_owner_period" ON "target_lines" USING btree ("plan_id","owner_kind",coalesce("unit_id", 0),coalesce("employee_id", 0),"period");--> statement-breakpoint
CREATE INDEX "target_lines_parent" ON "target_lines" USING btree ("parent_line_id");--> statement-breakpoint
CREATE INDEX "target_lines_employee" ON "target_lines" USING btree ("company_id","employee_id","period_start");--> statement-breakpoint
CREATE INDEX "target_lines_unit" ON "target_lines" USING btree ("company_id","unit_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "target_plans_version" ON "target_plans" USING btree ("company_id","fiscal_year","metric","category","version_no");--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "receipts" r SET "unit_id" = (SELECT p."unit_id" FROM "assignments" a JOIN "positions" p ON p."id" = a."position_id" WHERE a."employee_id" = r."owner_employee_id" AND a."kind" = 'primary' AND a."start_date" <= r."received_on" AND (a."end_date" IS NULL OR a."end_date" >= r."received_on") ORDER BY a."start_date" DESC, a."id" DESC LIMIT 1) WHERE r."owner_employee_id" IS NOT NULL;
