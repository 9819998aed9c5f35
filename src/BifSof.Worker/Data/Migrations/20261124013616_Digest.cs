using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class Digest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_id",
                schema: "bifsof",
                table: "outbox_attachments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "digest_month_reviews",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    shared_citizens = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_month_reviews", x => new { x.month, x.matched_at });
                });

            migrationBuilder.CreateTable(
                name: "digest_records",
                schema: "bifsof",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    audience = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    business_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    kpis_computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_digest_records_business_key",
                schema: "bifsof",
                table: "digest_records",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_digest_records_month_audience",
                schema: "bifsof",
                table: "digest_records",
                columns: new[] { "month", "audience" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_month_reviews",
                schema: "bifsof");

            migrationBuilder.DropTable(
                name: "digest_records",
                schema: "bifsof");

            migrationBuilder.DropColumn(
                name: "content_id",
                schema: "bifsof",
                table: "outbox_attachments");
        }
    }
}
