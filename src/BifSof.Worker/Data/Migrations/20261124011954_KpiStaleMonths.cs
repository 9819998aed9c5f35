using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class KpiStaleMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_stale_months",
                schema: "bifsof",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_stale_months", x => x.month);
                });

            // The marks move from the extracts' table to the KPIs' own: no month waiting for its figures is forgotten.
            migrationBuilder.Sql("INSERT INTO bifsof.kpi_stale_months (month, changed_at) SELECT month, now() FROM bifsof.extract_months WHERE kpis_stale;");

            migrationBuilder.DropColumn(
                name: "kpis_stale",
                schema: "bifsof",
                table: "extract_months");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "kpis_stale",
                schema: "bifsof",
                table: "extract_months",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE bifsof.extract_months m SET kpis_stale = true FROM bifsof.kpi_stale_months s WHERE s.month = m.month;");

            migrationBuilder.DropTable(
                name: "kpi_stale_months",
                schema: "bifsof");
        }
    }
}
