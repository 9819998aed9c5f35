using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class SocialPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "social_plan_chasers",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_email = table.Column<string>(type: "text", nullable: false),
                    chased_on = table.Column<DateOnly>(type: "date", nullable: false),
                    data_month = table.Column<DateOnly>(type: "date", nullable: false),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_social_plan_chasers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "social_plan_escalations",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sof_case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    days_overdue = table.Column<int>(type: "integer", nullable: false),
                    green_line = table.Column<bool>(type: "boolean", nullable: false),
                    centre = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false),
                    team_email = table.Column<string>(type: "text", nullable: false),
                    chasers = table.Column<int>(type: "integer", nullable: false),
                    recipient_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    recipient_email = table.Column<string>(type: "text", nullable: false),
                    escalated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_social_plan_escalations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "social_plan_chaser_cases",
                schema: "bifsof",
                columns: table => new
                {
                    chaser_id = table.Column<long>(type: "bigint", nullable: false),
                    sof_case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    days_overdue = table.Column<int>(type: "integer", nullable: false),
                    green_line = table.Column<bool>(type: "boolean", nullable: false),
                    centre = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_social_plan_chaser_cases", x => new { x.chaser_id, x.sof_case_number });
                    table.ForeignKey(
                        name: "fk_social_plan_chaser_cases_chaser_chaser_id",
                        column: x => x.chaser_id,
                        principalSchema: "bifsof",
                        principalTable: "social_plan_chasers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_social_plan_chaser_cases_sof_case_number_kind_due_date",
                schema: "bifsof",
                table: "social_plan_chaser_cases",
                columns: new[] { "sof_case_number", "kind", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_social_plan_chasers_business_key",
                schema: "bifsof",
                table: "social_plan_chasers",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_social_plan_chasers_team_email_chased_on",
                schema: "bifsof",
                table: "social_plan_chasers",
                columns: new[] { "team_email", "chased_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_social_plan_escalations_escalated_on",
                schema: "bifsof",
                table: "social_plan_escalations",
                column: "escalated_on");

            migrationBuilder.CreateIndex(
                name: "ix_social_plan_escalations_sof_case_number_kind_due_date",
                schema: "bifsof",
                table: "social_plan_escalations",
                columns: new[] { "sof_case_number", "kind", "due_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "social_plan_chaser_cases",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "social_plan_escalations",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "social_plan_chasers",
                schema: "bifsof");
        }
    }
}
