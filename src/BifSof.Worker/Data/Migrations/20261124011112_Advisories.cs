using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class Advisories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_stop_advisories",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pseudonym = table.Column<byte[]>(type: "bytea", nullable: false),
                    stop_date = table.Column<DateOnly>(type: "date", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    bif_case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    sof_case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    jobcentre = table.Column<string>(type: "text", nullable: false),
                    centre = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false),
                    team_email = table.Column<string>(type: "text", nullable: false),
                    advised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_benefit_stop_advisories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coordination_notices",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    centre = table.Column<string>(type: "text", nullable: false),
                    noticed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    case_count = table.Column<int>(type: "integer", nullable: false),
                    recipients = table.Column<string[]>(type: "text[]", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coordination_notices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_benefit_stop_advisories_advised_on",
                schema: "bifsof",
                table: "benefit_stop_advisories",
                column: "advised_on");

            migrationBuilder.CreateIndex(
                name: "ix_benefit_stop_advisories_business_key",
                schema: "bifsof",
                table: "benefit_stop_advisories",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_benefit_stop_advisories_pseudonym_stop_date",
                schema: "bifsof",
                table: "benefit_stop_advisories",
                columns: new[] { "pseudonym", "stop_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coordination_notices_business_key",
                schema: "bifsof",
                table: "coordination_notices",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coordination_notices_centre_noticed_on",
                schema: "bifsof",
                table: "coordination_notices",
                columns: new[] { "centre", "noticed_on" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_stop_advisories",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "coordination_notices",
                schema: "bifsof");
        }
    }
}
