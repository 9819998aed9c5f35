using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_kpis",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_kpis", x => x.month);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sof_rows_pseudonym_month",
                schema: "bifsof",
                table: "sof_rows",
                columns: new[] { "pseudonym", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monthly_kpis",
                schema: "bifsof");

            migrationBuilder.DropIndex(
                name: "ix_sof_rows_pseudonym_month",
                schema: "bifsof",
                table: "sof_rows");
        }
    }
}
