using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class Extracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "extract_files",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    source = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    month = table.Column<DateOnly>(type: "date", nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    encoding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "jsonb", nullable: true),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extract_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shared_citizens",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    pseudonym = table.Column<byte[]>(type: "bytea", nullable: false),
                    bif_case_number = table.Column<string>(type: "text", nullable: false),
                    sof_case_number = table.Column<string>(type: "text", nullable: false),
                    normalized_group = table.Column<short>(type: "smallint", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false),
                    centre = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false),
                    team_email = table.Column<string>(type: "text", nullable: false),
                    target_group = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shared_citizens", x => new { x.month, x.pseudonym });
                });

            migrationBuilder.CreateTable(
                name: "bif_rows",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    pseudonym = table.Column<byte[]>(type: "bytea", nullable: false),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    jobcentre = table.Column<string>(type: "text", nullable: false),
                    match_model = table.Column<short>(type: "smallint", nullable: false),
                    match_group = table.Column<short>(type: "smallint", nullable: false),
                    normalized_group = table.Column<short>(type: "smallint", nullable: false),
                    unemployed = table.Column<bool>(type: "boolean", nullable: false),
                    activated = table.Column<bool>(type: "boolean", nullable: false),
                    activation_type = table.Column<string>(type: "text", nullable: true),
                    activation_hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    job_plan_date = table.Column<DateOnly>(type: "date", nullable: true),
                    benefit_stop_date = table.Column<DateOnly>(type: "date", nullable: true),
                    benefit_stop_reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bif_rows", x => new { x.month, x.pseudonym });
                    table.ForeignKey(
                        name: "fk_bif_rows_extract_files_file_id",
                        column: x => x.file_id,
                        principalSchema: "bifsof",
                        principalTable: "extract_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "extract_months",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    bif_file_id = table.Column<long>(type: "bigint", nullable: true),
                    sof_file_id = table.Column<long>(type: "bigint", nullable: true),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    shared_citizens = table.Column<int>(type: "integer", nullable: true),
                    kpis_stale = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extract_months", x => x.month);
                    table.ForeignKey(
                        name: "fk_extract_months_extract_files_bif_file_id",
                        column: x => x.bif_file_id,
                        principalSchema: "bifsof",
                        principalTable: "extract_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_extract_months_extract_files_sof_file_id",
                        column: x => x.sof_file_id,
                        principalSchema: "bifsof",
                        principalTable: "extract_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sof_rows",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    pseudonym = table.Column<byte[]>(type: "bytea", nullable: false),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    case_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false),
                    centre = table.Column<string>(type: "text", nullable: false),
                    team = table.Column<string>(type: "text", nullable: false),
                    team_email = table.Column<string>(type: "text", nullable: false),
                    target_group = table.Column<string>(type: "text", nullable: false),
                    plan_offered = table.Column<DateOnly>(type: "date", nullable: true),
                    plan_produced = table.Column<DateOnly>(type: "date", nullable: true),
                    plan_type = table.Column<string>(type: "text", nullable: true),
                    plan_follow_up = table.Column<DateOnly>(type: "date", nullable: true),
                    green_line = table.Column<bool>(type: "boolean", nullable: false),
                    coordination = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sof_rows", x => new { x.month, x.pseudonym });
                    table.ForeignKey(
                        name: "fk_sof_rows_extract_files_file_id",
                        column: x => x.file_id,
                        principalSchema: "bifsof",
                        principalTable: "extract_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bif_rows_file_id",
                schema: "bifsof",
                table: "bif_rows",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_extract_files_source_month",
                schema: "bifsof",
                table: "extract_files",
                columns: new[] { "source", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_extract_months_bif_file_id",
                schema: "bifsof",
                table: "extract_months",
                column: "bif_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_extract_months_sof_file_id",
                schema: "bifsof",
                table: "extract_months",
                column: "sof_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_shared_citizens_month_centre",
                schema: "bifsof",
                table: "shared_citizens",
                columns: new[] { "month", "centre" });

            migrationBuilder.CreateIndex(
                name: "ix_shared_citizens_pseudonym",
                schema: "bifsof",
                table: "shared_citizens",
                column: "pseudonym");

            migrationBuilder.CreateIndex(
                name: "ix_sof_rows_file_id",
                schema: "bifsof",
                table: "sof_rows",
                column: "file_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bif_rows",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "extract_months",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "shared_citizens",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "sof_rows",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "extract_files",
                schema: "bifsof");
        }
    }
}
